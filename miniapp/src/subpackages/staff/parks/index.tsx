import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { WithApiToday } from '../components/api-today';
import { Workbench } from '../components/workbench';
import { ParksBoard } from './board';
import './index.scss';

const ROLES = ['city-reviewer', 'admin'] as const;

/** A year is evaluated once it is over: the workbench opens on the last one. */
function ParksPage() {
  const role = useSession()?.user.role;
  return (
    <Workbench active="parks" title="园区评价" roles={ROLES}>
      {role ? (
        <WithApiToday client={api}>
          {(today) => <ParksBoard client={api} role={role} initialYear={Number(today.slice(0, 4)) - 1} />}
        </WithApiToday>
      ) : null}
    </Workbench>
  );
}

export default ParksPage;
