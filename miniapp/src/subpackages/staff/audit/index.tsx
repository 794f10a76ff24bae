import { Text } from '@tarojs/components';
import { Workbench } from '../components/workbench';

// PLACEHOLDER (branch issue12 only): the page is being built.
function StaffPage() {
  return (
    <Workbench active="audit" title="审计日志">
      <Text>建设中</Text>
    </Workbench>
  );
}

export default StaffPage;
