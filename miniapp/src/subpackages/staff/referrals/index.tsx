import { api, sessions } from '../../../services/api';
import { Workbench } from '../components/workbench';
import { ReferralsBoard } from './board';
import './index.scss';

const ROLES = ['city-reviewer', 'admin'] as const;

function ReferralsPage() {
  return (
    <Workbench active="referrals" title="转介跟踪" roles={ROLES}>
      <ReferralsBoard client={api} tokens={sessions} />
    </Workbench>
  );
}

export default ReferralsPage;
