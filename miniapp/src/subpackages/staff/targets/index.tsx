import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { Workbench } from '../components/workbench';
import { TargetsBoard } from './board';
import './index.scss';

const ROLES = ['county-reviewer', 'city-reviewer', 'admin'] as const;

function TargetsPage() {
  const role = useSession()?.user.role;
  return (
    <Workbench active="targets" title="目标看板" roles={ROLES}>
      {role ? <TargetsBoard client={api} role={role} /> : null}
    </Workbench>
  );
}

export default TargetsPage;
