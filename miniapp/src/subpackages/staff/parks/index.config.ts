export default definePageConfig({ navigationBarTitleText: '园区评价' });
