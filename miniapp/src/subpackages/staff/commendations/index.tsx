import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { WithApiToday } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { CommendationsBoard } from './board';
import './index.scss';

const ROLES = ['city-reviewer', 'admin'] as const;

function CommendationsPage() {
  const role = useSession()?.user.role;
  return (
    <Workbench active="commendations" title="通报表扬" roles={ROLES}>
      {role ? (
        <WithApiToday client={api}>
          {(today) => <CommendationsBoard client={api} role={role} today={today} />}
        </WithApiToday>
      ) : null}
    </Workbench>
  );
}

export default CommendationsPage;
