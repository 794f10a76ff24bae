import { useSession } from '../../../hooks/use-session';
import { api, sessions } from '../../../services/api';
import { WithApiToday } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { PoolsBoard } from './board';
import './index.scss';

const ROLES = ['city-reviewer', 'finance', 'admin'] as const;

function PoolsPage() {
  const role = useSession()?.user.role;
  return (
    <Workbench active="pools" title="资金池与批次" roles={ROLES}>
      {role ? (
        <WithApiToday client={api}>
          {(today) => <PoolsBoard client={api} tokens={sessions} role={role} today={today} />}
        </WithApiToday>
      ) : null}
    </Workbench>
  );
}

export default PoolsPage;
