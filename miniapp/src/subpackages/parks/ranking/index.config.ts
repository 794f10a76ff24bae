export default definePageConfig({ navigationBarTitleText: '园区综合评价' });
