export default definePageConfig({ navigationBarTitleText: '融资与跨境' });
