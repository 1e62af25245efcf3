export default definePageConfig({ navigationBarTitleText: '编辑排班模板' })
