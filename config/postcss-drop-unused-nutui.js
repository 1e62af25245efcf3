// NutUI styles for things the app never asks for, dropped from the WeChat build's WXSS (the main
// package's common.wxss and app-origin.wxss carry them to every phone):
// - the icon animations (`.nut-icon-am-*` classes and their keyframes): the app passes no such class;
// - Button's `info` type and `mini` size: the app's buttons are primary/default/danger/success/warning,
//   small/normal/large/xlarge (NutUI's own components use no other).
// __tests__/app/nutui-unused-styles.test.ts fails if the source starts using one of them.
const UNUSED_SELECTOR = /\.nut-icon-am-|\.nut-button-info\b|\.nut-button-mini\b/
const UNUSED_KEYFRAMES = new Set(['nutJump', 'nutJumpOne', 'nutBlink', 'nutBreathe', 'nutFlash', 'nutBounce', 'nutShake'])

module.exports = () => ({
  postcssPlugin: 'drop-unused-nutui',
  Rule(rule) {
    if (!UNUSED_SELECTOR.test(rule.selector)) return
    const kept = rule.selectors.filter((s) => !UNUSED_SELECTOR.test(s))
    if (kept.length === 0) rule.remove()
    else rule.selectors = kept
  },
  AtRule(atRule) {
    if (/keyframes$/.test(atRule.name) && UNUSED_KEYFRAMES.has(atRule.params.trim())) atRule.remove()
  },
})
module.exports.postcss = true
module.exports.UNUSED_SELECTOR = UNUSED_SELECTOR
module.exports.UNUSED_KEYFRAMES = UNUSED_KEYFRAMES
