export default definePageConfig({ navigationBarTitleText: '转介跟踪' });
