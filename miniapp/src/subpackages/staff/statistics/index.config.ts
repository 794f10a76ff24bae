export default definePageConfig({ navigationBarTitleText: '运行监测' });
