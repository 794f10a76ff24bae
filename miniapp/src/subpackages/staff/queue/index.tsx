import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useMemo } from 'react';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { filtersFromParams } from '../../../workbench/queue';
import { WithApiToday } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { ReviewQueueView } from './queue-view';
import './index.scss';

/** The address bar follows the filters without a reload (H5), so reload and back keep them. */
const keepInAddress = (url: string): void => {
  if (typeof window !== 'undefined') window.history.replaceState(window.history.state, '', url);
};

function QueuePage() {
  const session = useSession();
  const { params } = useRouter();
  const initial = useMemo(() => filtersFromParams(params), [params]);
  const open = useCallback((url: string) => void Taro.navigateTo({ url }), []);
  return (
    <Workbench active="queue" title="待办队列" roles={['county-reviewer', 'city-reviewer', 'finance', 'admin']}>
      {session ? (
        <WithApiToday client={api}>
          {(today) => (
            <ReviewQueueView
              client={api}
              role={session.user.role}
              initial={initial}
              open={open}
              keepInAddress={keepInAddress}
              today={today}
            />
          )}
        </WithApiToday>
      ) : null}
    </Workbench>
  );
}

export default QueuePage;
