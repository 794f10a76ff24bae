import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ApiClient, type StaffAccountView, type StaffList, type StaffPasswordReset } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { fieldErrorsOf } from '../../../org/facts-view';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import {
  COUNTY_OPTIONS,
  createStaffRequest,
  disableQuestion,
  EMPTY_STAFF_DRAFT,
  EMPTY_STAFF_FILTERS,
  enableQuestion,
  PASSWORD_RULE,
  resetQuestion,
  roleLine,
  STAFF_ROLE_OPTIONS,
  type StaffDraft,
  type StaffFilters,
  staffListQuery,
  statusLabel,
  USERNAME_RULE,
} from '../../../workbench/accounts';
import { useConfirm } from '../components/confirm';
import { Pager } from '../components/pager';
import { Workbench } from '../components/workbench';
import './index.scss';
import { Done, Refused } from '../components/outcome';

const FieldError = ({ message }: { message: string | undefined }) =>
  message ? (
    <View className="wb-field__error" role="alert">
      {message}
    </View>
  ) : null;

/** 新建账号: the API's field errors beside their fields. */
export const StaffForm = ({
  client,
  onCreated,
  onCancel,
}: {
  client: ApiClient;
  onCreated: (account: StaffAccountView) => void;
  onCancel: () => void;
}) => {
  const [draft, setDraft] = useState<StaffDraft>(EMPTY_STAFF_DRAFT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<StaffDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const roleIndex = STAFF_ROLE_OPTIONS.findIndex((o) => o.role === draft.role);
  const countyIndex = COUNTY_OPTIONS.findIndex((o) => o.id === draft.county);

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      onCreated(await client.createStaff({ body: createStaffRequest(draft) }));
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card accounts__form" data-testid="staff-form">
      <View className="wb-field" data-field="username">
        <Text className="wb-field__label">用户名</Text>
        <Input
          className="wb-field__input"
          placeholder="用户名"
          value={draft.username}
          onInput={(e) => set({ username: e.detail.value })}
        />
        <Text className="accounts__hint">{USERNAME_RULE}</Text>
        <FieldError message={errors['username']} />
      </View>
      <View className="wb-field" data-field="displayName">
        <Text className="wb-field__label">姓名</Text>
        <Input
          className="wb-field__input"
          placeholder="姓名（可不填，默认为用户名）"
          value={draft.displayName}
          onInput={(e) => set({ displayName: e.detail.value })}
        />
        <FieldError message={errors['displayName']} />
      </View>
      <View className="wb-field" data-field="role">
        <Text className="wb-field__label">角色</Text>
        <Picker
          mode="selector"
          range={STAFF_ROLE_OPTIONS.map((o) => o.label)}
          value={Math.max(0, roleIndex)}
          onChange={(e) => {
            const next = STAFF_ROLE_OPTIONS[Number(e.detail.value)];
            if (next) set({ role: next.role });
          }}
        >
          <View className="wb-field__input accounts__picker">{STAFF_ROLE_OPTIONS[roleIndex]?.label} ▾</View>
        </Picker>
        <FieldError message={errors['role']} />
      </View>
      {draft.role === 'county-reviewer' ? (
        <View className="wb-field" data-field="county">
          <Text className="wb-field__label">所在县（市、区）</Text>
          <Picker
            mode="selector"
            range={COUNTY_OPTIONS.map((o) => o.name)}
            value={Math.max(0, countyIndex)}
            onChange={(e) => {
              const next = COUNTY_OPTIONS[Number(e.detail.value)];
              if (next) set({ county: next.id });
            }}
          >
            <View className="wb-field__input accounts__picker">
              {countyIndex >= 0 ? COUNTY_OPTIONS[countyIndex]?.name : '请选择'} ▾
            </View>
          </Picker>
          <FieldError message={errors['county']} />
        </View>
      ) : null}
      <View className="wb-field" data-field="password">
        <Text className="wb-field__label">初始密码</Text>
        <Input
          className="wb-field__input"
          placeholder="初始密码"
          password
          value={draft.password}
          onInput={(e) => set({ password: e.detail.value })}
        />
        <Text className="accounts__hint">{PASSWORD_RULE}；请当面或电话告知本人</Text>
        <FieldError message={errors['password']} />
      </View>
      {failure ? <Text className="wb-alert">{failure}</Text> : null}
      <View className="accounts__buttons">
        <Button className="wb-button" onClick={onCancel}>
          取消
        </Button>
        <Button className="wb-button wb-button--primary" disabled={busy} onClick={() => void submit()}>
          创建账号
        </Button>
      </View>
    </View>
  );
};

/** 账号管理: the staff accounts, a page at a time, with 新建账号, 重置密码, 停用/启用. */
export const AccountsView = ({
  client,
  creating,
  onCreating,
}: {
  client: ApiClient;
  creating: boolean;
  onCreating: (open: boolean) => void;
}) => {
  const [filters, setFilters] = useState<StaffFilters>(EMPTY_STAFF_FILTERS);
  const [page, setPage] = useState(1);
  const [list, setList] = useState<StaffList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<StaffPasswordReset | null>(null);
  const { dialog, ask } = useConfirm();

  const load = useCallback(async () => {
    setFailure(null);
    try {
      setList(await client.listStaff({ query: staffListQuery(filters, page) }));
    } catch (error) {
      setFailure(messageOf(error));
    }
  }, [client, filters, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (
    account: StaffAccountView,
    question: string,
    title: string,
    confirmText: string,
    run: () => Promise<unknown>,
    done: string,
  ) => {
    if (!(await ask({ title, body: <Text>{question}</Text>, confirmText, danger: title !== '启用账号' }))) return;
    setNotice(null);
    setFailure(null);
    try {
      await run();
      setNotice(done);
      await load();
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  const reset = (account: StaffAccountView) =>
    act(
      account,
      resetQuestion(account),
      '重置密码',
      '重置密码',
      async () => {
        setRevealed(await client.resetStaffPassword({ params: { id: account.id } }));
      },
      `已重置 ${account.displayName} 的密码`,
    );

  const roleFilter = ['', ...STAFF_ROLE_OPTIONS.map((o) => o.role)] as const;
  const disabledFilter = ['', 'false', 'true'] as const;

  return (
    <View className="accounts">
      {creating ? (
        <StaffForm
          client={client}
          onCancel={() => onCreating(false)}
          onCreated={(account) => {
            onCreating(false);
            setNotice(`已创建账号 ${account.displayName}（${account.username}）`);
            void load();
          }}
        />
      ) : null}
      {revealed ? (
        <View className="wb-alert wb-alert--info accounts__revealed" role="status">
          <Text>
            {revealed.account.displayName}（{revealed.account.username}）的新密码：
          </Text>
          <Text className="accounts__password" data-testid="new-password">
            {revealed.password}
          </Text>
          <Button
            className="wb-button"
            onClick={() => void Taro.setClipboardData({ data: revealed.password }).catch(() => undefined)}
          >
            复制
          </Button>
          <Text className="accounts__hint">只显示这一次，请告知本人后关闭。</Text>
          <Button className="wb-button" onClick={() => setRevealed(null)}>
            关闭
          </Button>
        </View>
      ) : null}
      <Done text={notice} />
      <Refused text={failure} />
      <View className="accounts__filters">
        <Picker
          mode="selector"
          range={roleFilter.map((r) => (r ? (STAFF_ROLE_OPTIONS.find((o) => o.role === r)?.label ?? r) : '全部角色'))}
          value={roleFilter.indexOf(filters.role as (typeof roleFilter)[number])}
          onChange={(e) => {
            setPage(1);
            setFilters({ ...filters, role: roleFilter[Number(e.detail.value)] ?? '' });
          }}
        >
          <View className="wb-button">
            {filters.role ? STAFF_ROLE_OPTIONS.find((o) => o.role === filters.role)?.label : '全部角色'} ▾
          </View>
        </Picker>
        <Picker
          mode="selector"
          range={['全部县（市、区）', ...COUNTY_OPTIONS.map((o) => o.name)]}
          value={filters.county ? COUNTY_OPTIONS.findIndex((o) => o.id === filters.county) + 1 : 0}
          onChange={(e) => {
            setPage(1);
            setFilters({ ...filters, county: COUNTY_OPTIONS[Number(e.detail.value) - 1]?.id ?? '' });
          }}
        >
          <View className="wb-button">
            {filters.county ? COUNTY_OPTIONS.find((o) => o.id === filters.county)?.name : '全部县（市、区）'} ▾
          </View>
        </Picker>
        <Picker
          mode="selector"
          range={['全部状态', '启用中', '已停用']}
          value={disabledFilter.indexOf(filters.disabled)}
          onChange={(e) => {
            setPage(1);
            setFilters({ ...filters, disabled: disabledFilter[Number(e.detail.value)] ?? '' });
          }}
        >
          <View className="wb-button">
            {filters.disabled === 'true' ? '已停用' : filters.disabled === 'false' ? '启用中' : '全部状态'} ▾
          </View>
        </Picker>
      </View>
      <View className="wb-table" role="table" aria-label="工作人员账号">
        <View className="wb-table__row wb-table__row--head" role="row">
          <Text className="wb-table__cell">姓名</Text>
          <Text className="wb-table__cell">用户名</Text>
          <Text className="wb-table__cell">角色</Text>
          <Text className="wb-table__cell">状态</Text>
          <Text className="wb-table__cell wb-table__cell--wide">操作</Text>
        </View>
        {list?.accounts.map((account) => (
          <View key={account.id} className="wb-table__row" role="row" data-account={account.username}>
            <Text className="wb-table__cell">{account.displayName}</Text>
            <Text className="wb-table__cell">{account.username}</Text>
            <Text className="wb-table__cell">{roleLine(account)}</Text>
            <Text className="wb-table__cell">{statusLabel(account)}</Text>
            <View className="wb-table__cell wb-table__cell--wide accounts__actions">
              <Button className="wb-button" onClick={() => void reset(account)}>
                重置密码
              </Button>
              {account.disabledAt ? (
                <Button
                  className="wb-button"
                  onClick={() =>
                    void act(
                      account,
                      enableQuestion(account),
                      '启用账号',
                      '启用',
                      () => client.enableStaff({ params: { id: account.id } }),
                      `已启用 ${account.displayName}`,
                    )
                  }
                >
                  启用
                </Button>
              ) : (
                <Button
                  className="wb-button wb-button--danger"
                  onClick={() =>
                    void act(
                      account,
                      disableQuestion(account),
                      '停用账号',
                      '停用',
                      () => client.disableStaff({ params: { id: account.id } }),
                      `已停用 ${account.displayName}`,
                    )
                  }
                >
                  停用
                </Button>
              )}
            </View>
          </View>
        ))}
        {list && list.accounts.length === 0 ? (
          <View className="wb-table__row">
            <Text className="wb-table__cell">没有符合条件的账号</Text>
          </View>
        ) : null}
      </View>
      {list ? <Pager page={list.page} pageSize={list.pageSize} total={list.total} onPage={setPage} /> : null}
      {dialog}
    </View>
  );
};

function AccountsPage() {
  const [creating, setCreating] = useState(false);
  return (
    <Workbench
      active="accounts"
      title="账号管理"
      roles={['admin']}
      actions={
        <Button className="wb-button wb-button--primary" onClick={() => setCreating(true)}>
          新建账号
        </Button>
      }
    >
      <Text className="accounts__note">首位系统管理员用命令行 npm run staff -- create 创建；此后在这里管理。</Text>
      <AccountsView client={api} creating={creating} onCreating={setCreating} />
    </Workbench>
  );
}

export default AccountsPage;
