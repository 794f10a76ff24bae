import { Text, View } from '@tarojs/components';

// PLACEHOLDER (branch issue12 only): the page is being built.
function StaffLoginPage() {
  return (
    <View>
      <Text>工作人员登录</Text>
    </View>
  );
}

export default StaffLoginPage;
