// Before the browser tests: Debian's Chromium must be there (installed if missing, never
// skipped), and the H5 build must be fresh (E2E_SKIP_BUILD=1 when the caller just built it).
import { execFileSync } from 'node:child_process'
import path from 'node:path'

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '../../..')
  execFileSync('bash', [path.join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' })
  if (process.env.E2E_SKIP_BUILD !== '1') {
    execFileSync('npm', ['run', 'build:h5', '--silent'], { cwd: root, stdio: 'inherit' })
  }
}
