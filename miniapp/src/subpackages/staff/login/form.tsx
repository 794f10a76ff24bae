import { Button, Input, Text, View } from '@tarojs/components';
import { type ApiClient, countyName, DEMO_STAFF, ROLE_LABELS } from '@huiqi/shared';
import { useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { fieldErrorsOf } from '../../../org/facts-view';
import { messageOf } from '../../../services/errors';
import { type Session } from '../../../services/session';
import { shanghaiYear } from '../../../services/shanghai-time';
import { isStaffRole, safeNext } from '../../../workbench/nav';

export interface StaffLoginProps {
  /** The typed client whose token source keeps the session (the app's `api` over `sessions`). */
  client: ApiClient;
  /** The session on this device, if any. */
  session: Session | null;
  /** The page to go on to (`?next=`), checked by `safeNext`. */
  next: string | undefined;
  /** Opens a workbench page in place of this one. */
  go: (url: string) => void;
  /** Ends the session on this device (退出后登录). */
  signOut: () => Promise<void>;
}

type Field = 'username' | 'password';

/**
 * 工作人员登录: username and password → `staffLogin`, the API's Chinese refusals (wrong password,
 * lockout and its wait, rate limit) shown as they come; empty fields named; Enter submits.
 */
export const StaffLogin = ({ client, session, next, go, signOut }: StaffLoginProps) => {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState(false);
  const staff = session !== null && isStaffRole(session.user.role);

  // Signed in as staff already: straight on.
  useEffect(() => {
    if (staff) go(safeNext(next));
  }, [staff, next, go]);

  // The demo accounts are shown only when the API says its edition in force is demo data.
  useEffect(() => {
    let live = true;
    client
      .listPrograms({ query: { year: shanghaiYear() } })
      .then((answer) => {
        if (live) setDemo(answer.edition.demo);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  const submit = async () => {
    if (busy) return;
    const missing: Partial<Record<Field, string>> = {};
    if (!username.trim()) missing.username = '请输入用户名';
    if (!password) missing.password = '请输入密码';
    setFieldErrors(missing);
    setError(null);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const opened = await client.staffLogin({ body: { username: username.trim(), password } });
      if (!isStaffRole(opened.user.role)) {
        setError('该账号不是工作人员账号');
        return;
      }
      go(safeNext(next));
    } catch (failure) {
      const fields = fieldErrorsOf(failure);
      setFieldErrors({ username: fields['username'], password: fields['password'] });
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  if (staff) return <View className="staff-login" aria-busy="true" />;

  return (
    <View className="staff-login">
      <View className="staff-login__box wb-card">
        <View className="staff-login__title" role="heading" aria-level={1}>
          电商惠企通 · 工作人员登录
        </View>
        <Text className="staff-login__hint">审核工作台供县级、市级审核人员、财政人员和系统管理员使用。</Text>
        {session ? (
          <View className="wb-alert wb-alert--info" role="note">
            <Text>
              您已作为{ROLE_LABELS[session.user.role]}（{session.user.displayName}
              {session.user.county ? ` · ${countyName(session.user.county)}` : ''}）登录，不能进入审核工作台。
            </Text>
            <Button className="wb-button" onClick={() => void signOut()}>
              退出后登录
            </Button>
          </View>
        ) : (
          <View>
            {error ? (
              <View className="wb-alert" role="alert">
                {error}
              </View>
            ) : null}
            <View className="wb-field">
              <Text className="wb-field__label">用户名</Text>
              <Input
                className="wb-field__input"
                type="text"
                value={username}
                placeholder="工作人员用户名"
                maxlength={64}
                focus
                onInput={(e) => {
                  setUsername(e.detail.value);
                  setFieldErrors((f) => ({ ...f, username: undefined }));
                }}
                onConfirm={() => void submit()}
              />
              {fieldErrors.username ? (
                <View className="wb-field__error" role="alert">
                  ✕ {fieldErrors.username}
                </View>
              ) : null}
            </View>
            <View className="wb-field">
              <Text className="wb-field__label">密码</Text>
              <Input
                className="wb-field__input"
                password
                value={password}
                placeholder="密码"
                maxlength={256}
                onInput={(e) => {
                  setPassword(e.detail.value);
                  setFieldErrors((f) => ({ ...f, password: undefined }));
                }}
                onConfirm={() => void submit()}
              />
              {fieldErrors.password ? (
                <View className="wb-field__error" role="alert">
                  ✕ {fieldErrors.password}
                </View>
              ) : null}
            </View>
            <Button
              className="wb-button wb-button--primary staff-login__submit"
              {...busyProps(busy)}
              onClick={() => void submit()}
            >
              登录
            </Button>
          </View>
        )}
        {demo && !session ? (
          <View className="staff-login__demo" role="note">
            <Text className="staff-login__demo-title">演示数据（仅供体验）：演示工作人员账号</Text>
            {DEMO_STAFF.map((account) => (
              <Text key={account.username} className="staff-login__demo-line">
                {account.name.replace('【演示】', '')}：用户名 {account.username} 密码 {account.password}
              </Text>
            ))}
            <Text className="staff-login__demo-line">管理员改过的密码以新密码为准。</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
};
