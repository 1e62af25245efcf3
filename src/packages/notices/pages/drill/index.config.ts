export default definePageConfig({ navigationBarTitleText: '记录演练' })
