import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../../services/api';
import { loadPdfJs } from '../../../workbench/pdf';
import { WithApiToday } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { ApplicationReview } from './review-page';

function ApplicationPage() {
  const id = Number(useRouter().params['id']);
  return (
    <Workbench active="queue" title="申报审核" roles={['county-reviewer', 'city-reviewer', 'finance', 'admin']}>
      {Number.isSafeInteger(id) && id > 0 ? (
        <WithApiToday client={api}>
          {(today) => <ApplicationReview client={api} id={id} loadPdf={loadPdfJs} today={today} />}
        </WithApiToday>
      ) : (
        <Text className="wb-alert">缺少申报编号，请从待办队列打开申报。</Text>
      )}
    </Workbench>
  );
}

export default ApplicationPage;
