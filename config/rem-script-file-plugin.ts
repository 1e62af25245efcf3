// Taro's H5 build puts a small root-font-size script (rem units) inline in index.html. The API
// server sends `Content-Security-Policy: script-src 'self'`, which blocks inline scripts; this
// plugin moves that same script into js/rem.<hash>.js and loads it first, synchronously.
import { createHash } from 'node:crypto'
import type { Compiler } from 'webpack'

// The copy of html-webpack-plugin that Taro's runner uses (its hooks are per module instance).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const HtmlWebpackPlugin = require(
  require.resolve('html-webpack-plugin', {
    paths: [require.resolve('@tarojs/webpack5-runner')],
  }),
)

export class RemScriptFilePlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('RemScriptFilePlugin', (compilation) => {
      const hooks = HtmlWebpackPlugin.getHooks(compilation)
      hooks.alterAssetTagGroups.tap('RemScriptFilePlugin', (data: AlterAssetTagGroups) => {
        const script: string = data.plugin.options?.script ?? ''
        if (!script) return data
        const hash = createHash('sha256').update(script).digest('hex').slice(0, 8)
        const file = `js/rem.${hash}.js`
        if (!compilation.getAsset(file)) {
          compilation.emitAsset(file, new compiler.webpack.sources.RawSource(script))
        }
        const publicPath = data.publicPath ?? '/'
        data.headTags.unshift({
          tagName: 'script',
          voidTag: false,
          meta: { plugin: 'RemScriptFilePlugin' },
          attributes: { src: `${publicPath}${file}` },
        })
        return data
      })
    })
  }
}

interface HtmlTag {
  tagName: string
  voidTag: boolean
  meta: Record<string, unknown>
  attributes: Record<string, string | boolean>
}

interface AlterAssetTagGroups {
  headTags: HtmlTag[]
  bodyTags: HtmlTag[]
  publicPath: string
  plugin: { options?: { script?: string } }
}
