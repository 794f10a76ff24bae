import { Text } from '@tarojs/components';
import { Workbench } from '../components/workbench';

// PLACEHOLDER (branch issue12 only): the page is being built.
function StaffPage() {
  return (
    <Workbench active="queue" title="申报审核">
      <Text>建设中</Text>
    </Workbench>
  );
}

export default StaffPage;
