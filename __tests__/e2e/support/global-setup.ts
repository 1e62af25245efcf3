// Before the browser tests: Debian's Chromium must be there (installed if missing, never
// skipped), the H5 build must be fresh (E2E_SKIP_BUILD=1 when the caller just built it), and the
// app it serves must actually render — checked once here, so that a broken bundle fails at once
// with the page's own error instead of thirty seconds later in every test.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { launchBrowser, phone, startServer } from './harness'

const ROOT = path.resolve(__dirname, '../../..')

export default async function globalSetup(): Promise<void> {
  execFileSync('bash', [path.join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' })
  if (process.env.E2E_SKIP_BUILD !== '1') buildH5()
  await assertAppRenders()
}

/**
 * The H5 build the tests serve is a production build whatever NODE_ENV the test runner set: jest
 * sets NODE_ENV=test, which Taro would turn into a bundle that throws at load (config/index.ts
 * refuses such a build with a message).
 */
export function buildH5(): void {
  execFileSync('npm', ['run', 'build:h5', '--silent'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
}

/** Opens the login page of the served build and waits for the first demo person to show. */
export async function assertAppRenders(): Promise<void> {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const people = (await (await fetch(`${server.url}/api/auth/demo-people`)).json()) as { items: { name: string }[] }
    const first = people.items[0]?.name
    if (!first) throw new Error('演示城市没有可登录的人员：服务器没有写入演示数据')
    const context = await phone(browser)
    const page = await context.newPage()
    const problems: string[] = []
    const failed = new Promise<never>((_, reject) => {
      page.on('pageerror', (error) => reject(new Error(`H5 应用加载时出错：${error.message}`)))
    })
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
    page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText ?? ''}`))
    await page.goto(`${server.url}/#/packages/account/pages/login/index`)
    const shown = page.getByText(first, { exact: true }).first().waitFor({ timeout: 60_000 })
    await Promise.race([shown, failed]).catch((error: Error) => {
      throw new Error(`served H5 build (${process.env.E2E_H5_DIR || 'dist/h5'}) does not render the login page: ${error.message}\n${problems.join('\n')}`)
    })
  } finally {
    await browser.close()
    await server.stop()
  }
}
