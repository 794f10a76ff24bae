import { useRouter } from '@tarojs/taro';
import { useSession } from '../../../hooks/use-session';
import { api, sessions } from '../../../services/api';
import { WithApiToday } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { StatisticsBoard } from './board';
import './index.scss';

const ROLES = ['county-reviewer', 'city-reviewer', 'admin'] as const;

function StatisticsPage() {
  const role = useSession()?.user.role;
  // `?year=2025` opens that year (a link from elsewhere, a bookmark); the current year otherwise.
  const { params } = useRouter();
  const year = /^\d{4}$/.test(params['year'] ?? '') ? Number(params['year']) : undefined;
  return (
    <Workbench active="statistics" title="运行监测" roles={ROLES}>
      {role ? (
        <WithApiToday client={api}>
          {(today) => <StatisticsBoard client={api} tokens={sessions} today={today} initialYear={year} />}
        </WithApiToday>
      ) : null}
    </Workbench>
  );
}

export default StatisticsPage;
