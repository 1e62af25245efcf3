// The pages a server message opens are one table (types/pages.ts): each is a page of the app, and
// no server file writes a page path of its own.
import fs from 'node:fs'
import path from 'node:path'
import appConfig from '@/app.config'
import { PAGES } from '@/types/pages'

const root = path.resolve(__dirname, '../..')

function appPages(): string[] {
  const config = appConfig as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
  return [...config.pages.map((p) => `/${p}`), ...config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`))]
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? sources(full) : /\.ts$/.test(e.name) ? [full] : []
  })
}

describe('types/pages.ts', () => {
  it('names only pages that app.config.ts declares', () => {
    const declared = appPages()
    for (const page of Object.values(PAGES)) expect(declared).toContain(page)
  })

  it('is the only place on the server that writes a page path', () => {
    const found = sources(path.join(root, 'server/src')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/['"`]\/(?:pages|packages)\/[\w-]+\/[\w/-]*['"`]/g)].map((m) => `${path.relative(root, file)}: ${m[0]}`),
    )
    expect(found).toEqual([])
  })
})
