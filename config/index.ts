import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { assertWeappApiBase } from './api-base'
import { ModuleSizesPlugin } from './module-sizes-plugin'
import { RemScriptFilePlugin } from './rem-script-file-plugin'

const root = path.resolve(__dirname, '..')
// The shared contract and rules live outside src/ and are TypeScript: Babel must see them too.
const sharedSources = [path.join(root, 'types'), path.join(root, 'domain')]

/** NutUI is drawn at 375 px; our own styles at 750 (WeChat's rpx). */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file
  return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

/**
 * Taro decides "production" in two places that read NODE_ENV differently: webpack's mode is
 * production for any value but `development` (so no React Refresh runtime), while
 * babel-preset-taro adds React Refresh registration for any value but `production`. A build with
 * NODE_ENV=test (what jest sets) therefore ships `$RefreshReg$` calls with nothing to define them:
 * the H5 app throws at load and renders a blank page. Refuse such a build instead of producing it.
 */
export function assertBuildMode(nodeEnv: string | undefined): void {
  if (nodeEnv === 'production' || nodeEnv === 'development') return
  throw new Error(
    `NODE_ENV=${nodeEnv} 会产出打开即白屏的包（Babel 加入 React Refresh，webpack 却按生产模式打包）。` +
      `构建请用 NODE_ENV=production（或 --watch 开发模式下的 development）。\n` +
      `NODE_ENV=${nodeEnv} would produce a bundle that throws "$RefreshReg$ is not defined" at load. ` +
      `Build with NODE_ENV=production (or development with --watch).`,
  )
}

// OUTPUT_ROOT lets two builds run side by side (e.g. dist/h5-try) without clobbering dist/h5
const outputRoot = process.env.OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  assertBuildMode(process.env.NODE_ENV)
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huxuegang',
    date: '2026-11-28',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    // `@/types` and `@/domain` are the shared contract and rules at the repo root; `@/` is src/.
    // The specific entries come first: the first alias that matches wins.
    alias: {
      // MobX's own production build: no error texts or dev checks (the default ESM file keeps them).
      ...(process.env.NODE_ENV === 'development' ? {} : { mobx$: require.resolve('mobx/dist/mobx.esm.production.min.js') }),
      // NutUI's ConfigProvider turns theme keys into CSS variable names: an ASCII-only kebabCase
      // instead of lodash's Unicode tables (src/shims/kebab-case.ts)
      'lodash.kebabcase$': path.join(root, 'src', 'shims', 'kebab-case.ts'),
      '@/types': path.join(root, 'types'),
      '@/domain': path.join(root, 'domain'),
      '@': path.join(root, 'src'),
    },
    plugins: [],
    defineConstants: {},
    // Taro injects TARO_APP_* from .env files only: the API base may also come from the
    // environment (CI, a release script), so it is passed on here (the .env file still wins)
    env: { TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? '') },
    // WeChat's sitemap (app.json's sitemapLocation): nothing here is public content to index
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: `${outputRoot}/sitemap.json` }] : [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Without these exclusions the watch build prebundles all of NutUI into one 2.5 MB file.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    // WeChat: Taro draws the page through nested templates this deep, then continues inside its
    // `comp` component (as it always did past the default 16); each level costs ~2.7 KB of base.wxml.
    baseLevel: 14,
    // Taro's WeChat defaults switch most of terser's compression off and write every Chinese
    // character as a 6-byte \u escape (settings of the ES5 era). These are terser's own defaults
    // for an ES2018 target, as the H5 build already had them.
    terser: {
      enable: true,
      config: {
        compress: {
          ecma: 2018,
          arrows: true,
          collapse_vars: true,
          comparisons: true,
          computed_props: true,
          hoist_props: true,
          inline: true,
          loops: true,
          negate_iife: true,
          properties: true,
          reduce_funcs: true,
          reduce_vars: true,
          switches: true,
          passes: 2,
        },
        output: { ecma: 2018, ascii_only: false },
      },
    },
    mini: {
      compile: { include: sharedSources },
      // Images imported in code (the map markers) are emitted as files next to their source path
      // (src/packages/alarm/assets/x.png → packages/alarm/assets/x.png, inside its subpackage) and
      // the import gives that path: WeChat's <map> takes a package image path or a network image for a
      // marker's iconPath, not the data: URI Taro makes of images under 2 KB by default.
      // (Taro's `limit: true` means "inline nothing"; `false` would inline everything.)
      imageUrlLoaderOption: { limit: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        './config/postcss-drop-rtl.js': { enable: true, config: {} },
        './config/postcss-drop-unused-nutui.js': { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Each page imports only the NutUI CSS it uses; their relative order does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        // Taro sets webpack's target to ES5, so webpack writes its own glue (each module's wrapper and
        // every export getter, ~600 in the main package) as `function(){return x}`. The app's code is
        // ES2018 already (browserslist: iOS 12, Chrome 70): the glue may use arrows and const too.
        chain.output.set('environment', { arrowFunction: true, const: true, destructuring: true, forOf: true, templateLiteral: true })
        // Licence comments (React's, classnames') stay inside vendors.js, where they reach the phone:
        // WeChat uploads no .txt file, so the vendors.js.LICENSE.txt terser writes by default was
        // never part of the real package, only of our size count.
        // ('some': terser's own test for licence comments, `@license`, `@preserve` and `/*!`)
        chain.optimization
          .minimizer('terserPlugin')
          .tap(([options]) => [{ ...options, extractComments: false, terserOptions: { ...options.terserOptions, output: { ...options.terserOptions.output, comments: 'some' } } }])
        // which source modules each emitted file holds (SIZE_MODULES=1; read by npm run size:weapp)
        if (process.env.SIZE_MODULES) chain.plugin('module-sizes').use(ModuleSizesPlugin, [path.join(root, `${outputRoot}-modules.json`)])
      },
    },
    h5: {
      compile: { include: sharedSources },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        './config/postcss-drop-rtl.js': { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      devServer: {
        proxy: [{ context: ['/api'], target: 'http://localhost:3000', changeOrigin: true }],
      },
      webpackChain(chain) {
        // The server's Content-Security-Policy allows only same-origin scripts: Taro's inline
        // root-font-size script goes into its own file.
        chain.plugin('rem-script-file').use(RemScriptFilePlugin)
        // Taro splits only initial chunks: every lazily loaded page would carry its own copy of
        // the NutUI components it shares with other pages. Split async chunks too.
        const splitChunks = chain.optimization.get('splitChunks')
        chain.optimization.splitChunks({ ...splitChunks, chunks: 'all', minSize: 10000 })
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  // a production WeChat build must know its HTTPS API (the H5 build uses its own origin)
  assertWeappApiBase(process.env)
  return merge({}, baseConfig, prodConfig)
})
