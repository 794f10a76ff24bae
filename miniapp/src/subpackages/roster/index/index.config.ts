export default definePageConfig({ navigationBarTitleText: '人才名册' });
