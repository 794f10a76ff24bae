import { api } from '../../../services/api';
import { shanghaiToday } from '../../../services/shanghai-time';
import { Workbench } from '../components/workbench';
import { NoticesBoard } from './board';
import './index.scss';

const ROLES = ['city-reviewer', 'admin'] as const;

function NoticesPage() {
  return (
    <Workbench active="notices" title="公示与异议" roles={ROLES}>
      <NoticesBoard client={api} today={shanghaiToday()} />
    </Workbench>
  );
}

export default NoticesPage;
