// `npm test` on a fresh clone builds the H5 app inside jest (NODE_ENV=test) and serves it to the
// browser tests. These guard that path: the build configuration refuses the combination that
// produced a blank app, and the set-up's render check fails fast, with the page's error, on a
// bundle that throws at load.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { assertAppRenders } from './support/global-setup'

jest.setTimeout(120_000)

const ROOT = path.resolve(__dirname, '../..')

it('taro build with NODE_ENV=test is refused with a message saying why', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hxg-h5-'))
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', OUTPUT_ROOT: out },
    encoding: 'utf8',
  })
  fs.rmSync(out, { recursive: true, force: true })
  expect(run.status).not.toBe(0)
  expect(run.stdout + run.stderr).toContain('NODE_ENV=test would produce a bundle that throws "$RefreshReg$ is not defined"')
})

it('the render check fails at once, with the page error, when the served app throws at load', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hxg-broken-h5-'))
  fs.mkdirSync(path.join(dir, 'js'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body><div id="app"></div><script src="/js/app.js"></script></body></html>')
  // what the NODE_ENV=test bundle did
  fs.writeFileSync(path.join(dir, 'js', 'app.js'), '$RefreshReg$(function App() {}, "App")')
  const before = process.env.E2E_H5_DIR
  process.env.E2E_H5_DIR = dir
  const started = Date.now()
  try {
    await expect(assertAppRenders()).rejects.toThrow(/H5 应用加载时出错：\$RefreshReg\$ is not defined/)
    // the page error, not the 60 s wait for the login page (which alone would take longer)
    expect(Date.now() - started).toBeLessThan(60_000)
  } finally {
    if (before === undefined) delete process.env.E2E_H5_DIR
    else process.env.E2E_H5_DIR = before
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
