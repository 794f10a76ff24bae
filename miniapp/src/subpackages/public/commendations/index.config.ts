export default definePageConfig({ navigationBarTitleText: '通报表扬名单', enablePullDownRefresh: true });
