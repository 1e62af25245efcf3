// The app is written only in Chinese, left to right: NutUI's right-to-left rules (`.nut-rtl …`,
// `[dir=rtl] …`) never apply, yet they made up ~7% of the main package's common.wxss.
const RTL = /\.nut-rtl\b|\[dir=["']?rtl["']?\]/

module.exports = () => ({
  postcssPlugin: 'drop-rtl',
  Rule(rule) {
    if (!RTL.test(rule.selector)) return
    const kept = rule.selectors.filter((s) => !RTL.test(s))
    if (kept.length === 0) rule.remove()
    else rule.selectors = kept
  },
})
module.exports.postcss = true
