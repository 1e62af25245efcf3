// Starts the real server (tsx server/src/main.ts) as a child process on a free port.
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '../..')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export interface ServerProcess {
  url: string
  child: ChildProcess
  output(): string
}

export interface ProcessOptions {
  /** the script to run (default: the product's server) */
  entry?: string
  /** extra node flags, e.g. --cpu-prof */
  nodeArgs?: string[]
  /** how long start-up may take before it counts as hung (a demo city with its term history takes longer) */
  startTimeoutMs?: number
}

export async function startServerProcess(env: Record<string, string>, port: number, options: ProcessOptions = {}): Promise<ServerProcess> {
  // node --import tsx: one process, so that a SIGKILL really kills the server
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry ?? 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', H5_DIR: '', DEMO: '0', JOBS: '0', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => (out += d))
  child.stderr?.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}`
  // The server is up when /api/health answers, or has failed when the process exits; the deadline
  // only guards against a hang (a fresh database is migrated and seeded first, slow on a busy machine).
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务器退出：${out}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`服务器未能启动：${out}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, child, output: () => out }
}
