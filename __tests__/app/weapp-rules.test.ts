/** @jest-environment node */
// WeChat's rules read against the app's source, its config and the built mini-program
// (dist/weapp/app.json). No WeChat client here: these are the checks DevTools and the review
// would make. The build is made here unless E2E_SKIP_BUILD=1 says the caller just made it (CI).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import appConfig from '@/app.config'
import { weappApiBaseProblem } from '../../config/api-base'

const root = path.resolve(__dirname, '../..')
const src = path.join(root, 'src')

type AppJson = {
  permission?: Record<string, { desc: string }>
  requiredPrivateInfos?: string[]
  requiredBackgroundModes?: string[]
  sitemapLocation?: string
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) return sourceFiles(file)
    return /\.(ts|tsx)$/.test(name) ? [file] : []
  })
}
const sources = sourceFiles(src).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }))

// WeChat's list of location APIs that must be declared in requiredPrivateInfos
const LOCATION_APIS = [
  'getLocation',
  'getFuzzyLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
]

function checkAppJson(json: AppJson) {
  for (const [scope, { desc }] of Object.entries(json.permission ?? {})) {
    expect({ scope, length: [...desc].length }).toEqual({ scope, length: expect.any(Number) })
    expect([...desc].length).toBeLessThanOrEqual(30)
  }
  const called = LOCATION_APIS.filter((api) => sources.some((s) => new RegExp(`\\bTaro\\.${api}\\(`).test(s.text)))
  expect([...(json.requiredPrivateInfos ?? [])].sort()).toEqual(called.sort())
  // WeChat refuses both at once
  expect(json.requiredPrivateInfos?.includes('getLocation') && json.requiredPrivateInfos?.includes('getFuzzyLocation')).toBeFalsy()
  // background location needs its background mode, and only then
  expect(json.requiredBackgroundModes?.includes('location') ?? false).toBe(json.requiredPrivateInfos?.includes('startLocationUpdateBackground') ?? false)
  expect(json.permission?.['scope.userLocation']?.desc).toBeTruthy()
  expect(json.sitemapLocation).toBe('sitemap.json')
}

describe('src/app.config.ts', () => {
  it('keeps every permission text within 30 characters and declares exactly the location APIs the app calls', () => {
    checkAppJson(appConfig as AppJson)
  })
})

describe('the built mini-program', () => {
  const skip = process.env.E2E_SKIP_BUILD === '1'
  const out = skip ? 'dist/weapp' : 'dist/weapp-check'
  const dist = path.join(root, out)

  beforeAll(() => {
    if (skip && existsSync(path.join(dist, 'app.json'))) return
    execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, OUTPUT_ROOT: out, TARO_APP_API_BASE: 'https://api.example.invalid', NODE_ENV: 'production' },
    })
  }, 600_000)

  it('has an app.json WeChat accepts: permission texts ≤ 30 characters, private infos and background mode consistent', () => {
    checkAppJson(JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')))
  })

  it('ships a sitemap that disallows indexing every page', () => {
    const sitemap = JSON.parse(readFileSync(path.join(dist, 'sitemap.json'), 'utf8')) as { rules: { action: string; page: string }[] }
    expect(sitemap.rules).toEqual([{ action: 'disallow', page: '*' }])
  })

  it("gives WeChat's <map> markers package images, never a data: URI (iconPath takes an image path)", () => {
    const jsFiles = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name)
        if (statSync(file).isDirectory()) return jsFiles(file)
        return name.endsWith('.js') ? [file] : []
      })
    const built = jsFiles(dist).map((file) => ({ file: path.relative(dist, file), text: readFileSync(file, 'utf8') }))
    // (NutUI's icons are SVG data: URIs drawn by <Image>, which takes them: no raster image is inlined)
    expect(built.filter((f) => /data:image\/(png|jpe?g|gif)/.test(f.text)).map((f) => f.file)).toEqual([])
    // each marker image is in the package at the path the code gives (the alarm's in its subpackage)
    const markers = [
      { png: 'assets/map/post-marker.png', usedBy: /^common\.js$/ },
      { png: 'packages/alarm/assets/alarm-marker.png', usedBy: /^packages\/alarm\// },
      { png: 'packages/hazards/assets/marker.png', usedBy: /^packages\/hazards\// },
    ]
    for (const { png, usedBy } of markers) {
      expect({ png, bytes: statSync(path.join(dist, png)).size }).toEqual({ png, bytes: statSync(path.join(src, png)).size })
      expect({ png, usedBy: built.filter((f) => usedBy.test(f.file) && f.text.includes(`${png}"`)).length > 0 }).toEqual({ png, usedBy: true })
    }
  })

  it('calls the API base given to the build, and no made-up host', () => {
    const js = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(dist, f), 'utf8'))
      .join('\n')
    if (!skip) expect(js).toContain('https://api.example.invalid')
    expect(js).not.toContain('api.example.com')
  })
})

describe('project.config.json', () => {
  it('has minification on for JS, WXML and WXSS (DevTools code-quality check)', () => {
    const { setting } = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8')) as { setting: Record<string, unknown> }
    expect(setting).toMatchObject({ minified: true, minifyWXML: true, minifyWXSS: true })
  })
})

describe('the production API base', () => {
  it.each([
    [{ TARO_ENV: 'weapp', NODE_ENV: 'production' }, /需要 API 地址 TARO_APP_API_BASE.*needs TARO_APP_API_BASE/],
    [{ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_API_BASE: '  ' }, /needs TARO_APP_API_BASE/],
    [{ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_API_BASE: 'http://api.school.cn' }, /必须是 https.*must be https/],
    [{ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_API_BASE: 'api.school.cn' }, /不是有效的网址/],
  ])('a production WeChat build refuses %j', (env, message) => {
    expect(weappApiBaseProblem(env)).toMatch(message)
  })

  it.each([
    [{ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_API_BASE: 'https://api.school.cn' }],
    [{ TARO_ENV: 'weapp', NODE_ENV: 'development' }],
    [{ TARO_ENV: 'h5', NODE_ENV: 'production' }],
  ])('is not needed or is fine: %j', (env) => {
    expect(weappApiBaseProblem(env)).toBeNull()
  })
})

/** The text of each JSX element `<Name …>` (attributes only), braces balanced. */
function openingTags(text: string, name: string): { at: number; tag: string; selfClosing: boolean }[] {
  const tags: { at: number; tag: string; selfClosing: boolean }[] = []
  const re = new RegExp(`<${name}\\b`, 'g')
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 0
    let i = m.index + 1
    for (; i < text.length; i++) {
      const c = text[i]
      if (c === '{') depth++
      else if (c === '}') depth--
      else if (c === '>' && depth === 0) break
    }
    tags.push({ at: m.index, tag: text.slice(m.index, i + 1), selfClosing: text[i - 1] === '/' })
  }
  return tags
}

describe('WeChat display rules in the source', () => {
  it('a TextArea inside a Dialog or Popup is `fixed` (otherwise WeChat draws it in the wrong place)', () => {
    const misplaced: string[] = []
    let checked = 0
    for (const { file, text } of sources.filter((s) => s.file.endsWith('.tsx'))) {
      // the ranges of every open Dialog / Popup element
      const ranges = ['Dialog', 'Popup'].flatMap((name) =>
        openingTags(text, name)
          .filter((t) => !t.selfClosing)
          .map((t) => ({ from: t.at, to: text.indexOf(`</${name}>`, t.at) })),
      )
      for (const t of openingTags(text, 'TextArea')) {
        if (!ranges.some((r) => t.at > r.from && t.at < r.to)) continue
        checked++
        if (!/\sfixed(\s|=|\/|>)/.test(t.tag)) misplaced.push(`${file}: ${t.tag.split('\n')[0]}`)
      }
    }
    expect(misplaced).toEqual([])
    expect(checked).toBeGreaterThanOrEqual(4)
  })

  it("a <map> marker's iconPath is an imported package image, never a data: URI written in the code", () => {
    const inline = sources.filter((s) => /data:image\//.test(s.text)).map((s) => s.file)
    expect(inline).toEqual([])
    const withMarkers = sources.filter((s) => /import \{[^}]*\bMap\b[^}]*\} from '@tarojs\/components'/.test(s.text) && /\biconPath:/.test(s.text))
    expect(withMarkers.length).toBeGreaterThanOrEqual(3)
    for (const { file, text } of withMarkers) {
      const icons = [...text.matchAll(/\biconPath:\s*([A-Za-z_$][\w$]*)/g)].map((m) => m[1])
      expect({ file, bare: [...text.matchAll(/\biconPath:/g)].length }).toEqual({ file, bare: icons.length })
      for (const name of icons) expect({ file, name, png: new RegExp(`import ${name} from '[^']+\\.png'`).test(text) }).toEqual({ file, name, png: true })
    }
  })

  it('every toast goes through utils/feedback (which keeps WeChat from cutting long success texts)', () => {
    const direct = sources.filter((s) => s.file !== path.join('src', 'utils', 'feedback.ts') && /\bTaro\.showToast\(/.test(s.text)).map((s) => s.file)
    expect(direct).toEqual([])
  })
})
