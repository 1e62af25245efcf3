// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package/file,
// the biggest first, so a profile can be read in a terminal and quoted in a note.
//   npx tsx scripts/cpu-profile-top.ts /tmp/prof/CPU.*.cpuprofile [N] [SKIP_SECONDS]
// SKIP_SECONDS leaves out the first seconds (the server's start-up: loading modules, compiling
// the routes' schemas), so that what remains is the time spent answering requests.
import fs from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
}

const [file, n = '25', skip = '0'] = process.argv.slice(2)
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const self = new Map<number, number>()
let elapsed = 0
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i] ?? 0
  if (elapsed < Number(skip) * 1e6) return
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
})
const total = [...self.values()].reduce((a, b) => a + b, 0)

const where = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) return m[1]
  if (!url) return '(native / idle / gc)'
  if (url.startsWith('node:')) return 'node core'
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')
}
const add = (map: Map<string, number>, key: string, v: number) => map.set(key, (map.get(key) ?? 0) + v)
const fns = new Map<string, number>()
const places = new Map<string, number>()
for (const [id, t] of self) {
  const f = byId.get(id)!.callFrame
  add(fns, `${f.functionName || '(anonymous)'}  ${where(f.url)}:${f.lineNumber + 1}`, t)
  add(places, where(f.url), t)
}
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
}
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`)
show('self time by package or file', places)
show('self time by function', fns)
