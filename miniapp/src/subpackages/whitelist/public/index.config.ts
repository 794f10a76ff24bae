export default definePageConfig({ navigationBarTitleText: '白名单推荐名单', enablePullDownRefresh: true });
