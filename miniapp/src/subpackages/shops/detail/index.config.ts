export default definePageConfig({ navigationBarTitleText: '迁入店铺详情' });
