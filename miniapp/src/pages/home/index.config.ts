export default definePageConfig({
  navigationBarTitleText: '电商惠企通',
  enablePullDownRefresh: true,
});
