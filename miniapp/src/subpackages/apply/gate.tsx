import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode } from 'react';
import { DemoBanner } from '../../components/demo-banner';
import { Empty } from '../../components/page-state';
import { useSession } from '../../hooks/use-session';
import { useCurrentOrgId } from '../../services/current-org';

/** The org helper's 我的企业 page: register a firm or choose the one to work for. */
export const ORG_PAGE = '/subpackages/org/index/index';

/**
 * Applying needs a signed-in user working for a firm: says what is missing and where to get it,
 * or renders the page for the firm.
 */
export const NeedFirm = ({ children }: { children: (orgId: number) => ReactNode }) => {
  const session = useSession();
  const orgId = useCurrentOrgId();
  if (!session)
    return (
      <Empty
        title="请先登录"
        hint="申报、上传材料和查看审核结果都需要先登录。"
        action={
          <Button
            className="apply__primary"
            onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}
          >
            去登录
          </Button>
        }
      />
    );
  if (orgId === null)
    return (
      <Empty
        title="请先登记您的企业"
        hint="申报以企业的名义办理：先登记企业（或选择您所在的企业），再回来申报。"
        action={
          <Button className="apply__primary" onClick={() => void Taro.navigateTo({ url: ORG_PAGE })}>
            去登记企业
          </Button>
        }
      />
    );
  return (
    <>
      {session.demo ? <DemoBanner text="演示账号：这里的申报只是演示，不会提交给主管部门" /> : null}
      {children(orgId)}
    </>
  );
};
