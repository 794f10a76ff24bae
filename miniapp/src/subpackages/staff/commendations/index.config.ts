export default definePageConfig({ navigationBarTitleText: '通报表扬' });
