import { Button, Text, View } from '@tarojs/components';
import { countyName, type Role, ROLE_LABELS } from '@huiqi/shared';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect } from 'react';
import { useSession } from '../../../hooks/use-session';
import { api, sessions } from '../../../services/api';
import { signOut } from '../../../services/session';
import { isStaffRole, pagesFor, STAFF_LOGIN_PATH, type WorkbenchPageId } from '../../../workbench/nav';
import './workbench.scss';

export interface WorkbenchProps {
  /** The side menu's entry this page belongs to. */
  active: WorkbenchPageId;
  title: string;
  /** The roles that may use this page (the API checks every call all the same). */
  roles?: readonly Role[];
  /** Buttons at the right of the title. */
  actions?: ReactNode;
  children: ReactNode;
}

/** Taro's own parameters of a page (H5: `stamp`, its page instance), not the page's address. */
const TARO_PARAMS = new Set(['$taroTimestamp', 'stamp']);

/**
 * The page's own address, to come back to after signing in. On H5 Taro's `router.path` is the page
 * instance's id (`/subpackages/staff/queue/index?stamp=1`): the path is what precedes the `?`.
 */
const currentPath = (): string => {
  const router = Taro.getCurrentInstance().router;
  if (!router) return '';
  const path = router.path.split('?')[0] ?? router.path;
  const query = Object.entries(router.params)
    .filter(([key, value]) => !TARO_PARAMS.has(key) && typeof value === 'string')
    .map(([key, value]) => `${key}=${encodeURIComponent(value as string)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
};

/**
 * The workbench's frame (H5, wide screens): who is signed in (name, role, county) with 退出, the
 * side menu for the role, and the page. Without a staff session it sends the reader to 工作人员登录
 * and back here afterwards; a role the page is not for reads why.
 */
export const Workbench = ({ active, title, roles, actions, children }: WorkbenchProps) => {
  const session = useSession();
  const role = session?.user.role;

  useEffect(() => {
    if (!session) {
      void Taro.redirectTo({ url: `${STAFF_LOGIN_PATH}?next=${encodeURIComponent(currentPath())}` });
    }
  }, [session]);

  const leave = async () => {
    await signOut(api, sessions);
  };

  if (!session || !role) return <View className="wb wb--empty" aria-busy="true" />;

  const staff = isStaffRole(role);
  const allowed = staff && (!roles || roles.includes(role));
  const user = session.user;

  return (
    <View className="wb">
      <View className="wb__top" role="banner">
        <Text className="wb__brand">电商惠企通 · 审核工作台</Text>
        <View className="wb__who">
          <Text className="wb__name">{user.displayName}</Text>
          <Text className="wb__role">
            {ROLE_LABELS[role]}
            {user.county ? ` · ${countyName(user.county)}` : ''}
          </Text>
          <Button className="wb__signout" onClick={() => void leave()}>
            退出
          </Button>
        </View>
      </View>
      <View className="wb__body">
        <View className="wb__nav" role="navigation" aria-label="工作台菜单">
          {staff
            ? pagesFor(role).map((page) => (
                <View
                  key={page.id}
                  className={`wb__nav-item${page.id === active ? ' wb__nav-item--active' : ''}`}
                  role="link"
                  aria-current={page.id === active ? 'page' : undefined}
                  onClick={() => void Taro.redirectTo({ url: page.path })}
                >
                  {page.label}
                </View>
              ))
            : null}
        </View>
        <View className="wb__main" role="main">
          <View className="wb__head">
            <View className="wb__title" role="heading" aria-level={1}>
              {title}
            </View>
            {allowed && actions ? <View className="wb__actions">{actions}</View> : null}
          </View>
          {allowed ? (
            children
          ) : (
            <View className="wb__refused" role="alert">
              <Text>
                {staff
                  ? `您的角色（${ROLE_LABELS[role]}）不能使用此页面。`
                  : '审核工作台仅供工作人员使用，请退出后以工作人员账号登录。'}
              </Text>
            </View>
          )}
        </View>
      </View>
    </View>
  );
};
