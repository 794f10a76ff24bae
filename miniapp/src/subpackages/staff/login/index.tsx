import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { useSession } from '../../../hooks/use-session';
import { api, sessions } from '../../../services/api';
import { signOut } from '../../../services/session';
import '../components/workbench.scss';
import { StaffLogin } from './form';
import './index.scss';

function StaffLoginPage() {
  const session = useSession();
  const { params } = useRouter();
  const go = useCallback((url: string) => void Taro.redirectTo({ url }), []);
  return (
    <StaffLogin client={api} session={session} next={params['next']} go={go} signOut={() => signOut(api, sessions)} />
  );
}

export default StaffLoginPage;
