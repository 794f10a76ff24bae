export default definePageConfig({
  navigationBarTitleText: '政策计算器',
  enableShareAppMessage: true,
});
