// `SIZE_MODULES=1 npm run build:weapp`: writes dist/weapp-modules.json, the source modules of each
// emitted chunk with their size (webpack's estimate before minifying), so that a size regression in
// the main package can be traced to the module that brought it (`npm run size:weapp` prints the
// largest of the main package's files when the file is there).
import fs from 'node:fs'
import path from 'node:path'
import type { Compiler, Module } from 'webpack'

export class ModuleSizesPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('ModuleSizesPlugin', (stats) => {
      const { compilation } = stats
      const root = compiler.context
      const name = (m: Module): string => {
        const id = (m as Module & { resource?: string }).resource ?? m.identifier()
        const rel = path.relative(root, id.split('!').pop() ?? id)
        return rel.replace(/\\/g, '/')
      }
      const chunks: Record<string, { module: string; size: number }[]> = {}
      for (const chunk of compilation.chunks) {
        const files = [...chunk.files].filter((f) => f.endsWith('.js'))
        if (!files.length) continue
        const rows: { module: string; size: number }[] = []
        for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          // a concatenated module (webpack's scope hoisting) lists the modules it holds
          const inner = (m as Module & { modules?: Module[] }).modules
          for (const one of inner ?? [m]) rows.push({ module: name(one), size: one.size() })
        }
        rows.sort((a, b) => b.size - a.size)
        for (const file of files) chunks[file] = rows
      }
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      fs.writeFileSync(this.file, JSON.stringify(chunks, null, 1))
    })
  }
}
