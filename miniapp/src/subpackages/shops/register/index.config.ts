export default definePageConfig({ navigationBarTitleText: '登记迁入店铺' });
