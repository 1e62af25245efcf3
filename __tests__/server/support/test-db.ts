// A fresh database per test file: a temporary SQLite file, or, when TEST_DATABASE_URL points at
// PostgreSQL, a new database on that server (dropped afterwards).
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface FreshDatabase {
  /** A DATABASE_URL for the fresh database. */
  url: string
  /** A fresh folder for the test's files (uploads), removed by drop(). */
  dir: string
  drop(): Promise<void>
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const base = process.env.TEST_DATABASE_URL
  const name = `hxg_t_${crypto.randomBytes(6).toString('hex')}`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hxg-'))
  if (base && /^postgres(ql)?:\/\//.test(base)) {
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(base)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      dir,
      drop: async () => {
        const c = new pg.Client({ connectionString: base })
        await c.connect()
        await c.query(`drop database if exists ${name} with (force)`)
        await c.end()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  return {
    url: `file:${path.join(dir, `${name}.sqlite`)}`,
    dir,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

export const onPostgres = (): boolean => /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '')
