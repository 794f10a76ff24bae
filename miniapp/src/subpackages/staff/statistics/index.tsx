import { useSession } from '../../../hooks/use-session';
import { api, sessions } from '../../../services/api';
import { WithApiToday } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { StatisticsBoard } from './board';
import './index.scss';

const ROLES = ['county-reviewer', 'city-reviewer', 'admin'] as const;

function StatisticsPage() {
  const role = useSession()?.user.role;
  return (
    <Workbench active="statistics" title="运行监测" roles={ROLES}>
      {role ? (
        <WithApiToday client={api}>
          {(today) => <StatisticsBoard client={api} tokens={sessions} today={today} />}
        </WithApiToday>
      ) : null}
    </Workbench>
  );
}

export default StatisticsPage;
