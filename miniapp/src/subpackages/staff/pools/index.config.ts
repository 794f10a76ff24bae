export default definePageConfig({ navigationBarTitleText: '资金池与批次' });
