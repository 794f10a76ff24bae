import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { Workbench } from '../components/workbench';
import { WhitelistReviewBoard } from './board';
import './index.scss';

const ROLES = ['city-reviewer', 'admin'] as const;

/** 白名单推荐 (第八条): the city reviews the firms' applications. */
function WhitelistPage() {
  const session = useSession();
  return (
    <Workbench active="whitelist" title="白名单推荐" roles={ROLES}>
      <WhitelistReviewBoard client={api} canDecide={session?.user.role === 'city-reviewer'} />
    </Workbench>
  );
}

export default WhitelistPage;
