export default definePageConfig({ navigationBarTitleText: '政策版本' });
