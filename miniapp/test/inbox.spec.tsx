import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { type NotificationList, type NotificationSettings, type NotificationView } from '@huiqi/shared';
import { Inbox, messageUrl } from '../src/pages/messages/index';
import { creditsByPurpose, NotificationSettingsView } from '../src/subpackages/messages/settings/index';
import { currentOrgId, setCurrentOrgId } from '../src/services/current-org';
import { askToSubscribe, forgetTemplates, prefetchTemplates, subscriptionResults } from '../src/services/subscribe';
import { MESSAGES_TAB_INDEX } from '../src/services/tabs';
import { badgeText } from '../src/services/unread-badge';
import { useScriptedApi } from './support/scripted-api';

// The applicant's side of notifications: the 消息 tab (list, paging, unread badge, mark read, the
// page each message opens, 全部已读), 消息设置, and the subscribe request at submission, against a
// real HTTP server on a loopback port.

const { requests, answer, client } = useScriptedApi();
afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
});

/** Waits (with a deadline) until the server has seen `count` requests for `key`. */
const seen = async (key: string, count = 1) => {
  for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
    if (requests.filter((r) => r.key === key).length >= count) return requests.filter((r) => r.key === key);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  }
  throw new Error(`no ${key} after 5 s; requests: ${JSON.stringify(requests.map((r) => r.key))}`);
};

const message = (id: number, over: Partial<NotificationView> = {}): NotificationView => ({
  id,
  kind: 'returned',
  title: '申报被退回补正',
  body: '您的“电商龙头企业流量补贴”申报被退回：营业执照需加盖公章。请在2026年7月10日前补正。',
  applicationId: 21,
  programId: null,
  orgId: 3,
  createdAt: '2026-06-30T02:00:00.000Z',
  readAt: null,
  ...over,
});

const MATCH = message(7, {
  kind: 'match',
  title: '有适合您企业的政策',
  body: '您的企业可能符合“直播电商基地奖励”，最高可获50万元，申报截止2026年7月31日。',
  applicationId: null,
  programId: 'livestream-base',
  orgId: 4,
});

const item = (id: number) => document.querySelector(`[data-notification="${id}"]`);

describe('消息: the inbox', () => {
  it('opens 申报详情 for a message about an application, the wizard on its program for a match', () => {
    expect(messageUrl(message(1))).toBe('/subpackages/apply/detail/index?id=21');
    expect(messageUrl(MATCH)).toBe('/subpackages/apply/new/index?programId=livestream-base');
    expect(messageUrl(message(2, { applicationId: null }))).toBeNull();
    // The measures without money: the firm's register and its whitelist application, by its org.
    const about = (kind: 'relocated-shop' | 'whitelist', orgId: number | null) =>
      messageUrl(message(3, { kind, applicationId: null, orgId }));
    expect(about('relocated-shop', 4)).toBe('/subpackages/shops/index/index?orgId=4');
    expect(about('whitelist', 4)).toBe('/subpackages/whitelist/apply/index?orgId=4');
    expect(about('whitelist', null)).toBeNull();
    expect([badgeText(3), badgeText(99), badgeText(100)]).toEqual(['3', '99', '99+']);
  });

  it('lists messages newest first with the unread count on the tab badge, and pages back with 加载更早的消息', async () => {
    const badge = jest.spyOn(Taro, 'setTabBarBadge');
    const first: NotificationList = {
      notifications: [message(9), message(8, { readAt: '2026-06-30T03:00:00.000Z', title: '申报已提交' })],
      unread: 2,
      next: 8,
    };
    answer('GET /api/v1/me/notifications', 200, first);
    answer('GET /api/v1/me/notifications?before=8', 200, { notifications: [MATCH], unread: 2, next: null });
    render(<Inbox client={client()} navigate={() => undefined} />);
    await waitFor(() => expect(item(9)).toBeTruthy(), { timeout: 5000 });
    expect(item(9)?.textContent).toContain('申报被退回补正');
    expect(item(9)?.textContent).toContain('● 未读');
    expect(item(9)?.textContent).toContain('2026年6月30日 10:00');
    expect(item(8)?.textContent).not.toContain('未读');
    expect(screen.getByText('2 条未读')).toBeTruthy();
    await waitFor(() => expect(badge).toHaveBeenCalledWith({ index: MESSAGES_TAB_INDEX, text: '2' }));

    await act(async () => void fireEvent.click(screen.getByText('加载更早的消息')));
    await waitFor(() => expect(item(7)).toBeTruthy(), { timeout: 5000 });
    expect(
      [...document.querySelectorAll('[data-notification]')].map((e) => e.getAttribute('data-notification')),
    ).toEqual(['9', '8', '7']);
    expect(item(7)?.textContent).toContain('去申报 ›');
    expect(screen.getByText('没有更早的消息了')).toBeTruthy();
  });

  it('marks a tapped message read, lowers the badge and opens its application', async () => {
    const badge = jest.spyOn(Taro, 'setTabBarBadge');
    const removed = jest.spyOn(Taro, 'removeTabBarBadge');
    answer('GET /api/v1/me/notifications', 200, { notifications: [message(9)], unread: 1, next: null });
    answer('POST /api/v1/me/notifications/read', 200, { marked: 1, unread: 0 });
    const opened: string[] = [];
    render(<Inbox client={client()} navigate={(url) => opened.push(url)} />);
    await waitFor(() => expect(item(9)).toBeTruthy(), { timeout: 5000 });
    await waitFor(() => expect(badge).toHaveBeenCalledWith({ index: MESSAGES_TAB_INDEX, text: '1' }));
    await act(async () => void fireEvent.click(item(9) as Element));
    expect(opened).toEqual(['/subpackages/apply/detail/index?id=21']);
    const [read] = await seen('POST /api/v1/me/notifications/read');
    expect(JSON.parse(read?.body ?? '{}')).toEqual({ ids: [9] });
    await waitFor(() => expect(item(9)?.getAttribute('data-read')).toBe('true'));
    expect(screen.getByText('消息都已读')).toBeTruthy();
    await waitFor(() => expect(removed).toHaveBeenCalledWith({ index: MESSAGES_TAB_INDEX }));
  });

  it('opens a match in the wizard as the firm it is for, and marks it read', async () => {
    setCurrentOrgId(3);
    answer('GET /api/v1/me/notifications', 200, { notifications: [MATCH], unread: 1, next: null });
    answer('POST /api/v1/me/notifications/read', 200, { marked: 1, unread: 0 });
    const opened: string[] = [];
    render(<Inbox client={client()} navigate={(url) => opened.push(url)} />);
    await waitFor(() => expect(item(7)).toBeTruthy(), { timeout: 5000 });
    await act(async () => void fireEvent.click(item(7) as Element));
    expect(opened).toEqual(['/subpackages/apply/new/index?programId=livestream-base']);
    expect(currentOrgId()).toBe(4);
    expect(JSON.parse((await seen('POST /api/v1/me/notifications/read'))[0]?.body ?? '{}')).toEqual({ ids: [7] });
    setCurrentOrgId(null);
  });

  it('marks everything read with 全部已读', async () => {
    answer('GET /api/v1/me/notifications', 200, {
      notifications: [message(9), message(8)],
      unread: 2,
      next: null,
    });
    answer('POST /api/v1/me/notifications/read', 200, { marked: 2, unread: 0 });
    render(<Inbox client={client()} navigate={() => undefined} />);
    const all = await screen.findByText('全部已读', undefined, { timeout: 5000 });
    await act(async () => void fireEvent.click(all));
    await waitFor(() => expect(screen.getByText('消息都已读')).toBeTruthy(), { timeout: 5000 });
    expect(JSON.parse((await seen('POST /api/v1/me/notifications/read'))[0]?.body ?? '')).toEqual({});
    expect(document.querySelectorAll('[data-read="false"]')).toHaveLength(0);
    expect(screen.queryByText('全部已读')).toBeNull();
  });

  it('says when there are no messages, and shows a failure in Chinese with 重试', async () => {
    answer('GET /api/v1/me/notifications', 503, {
      code: 'UNAVAILABLE',
      message: '服务暂时不可用，请稍后重试',
      details: [],
      requestId: 'r',
    });
    answer('GET /api/v1/me/notifications', 200, { notifications: [], unread: 0, next: null });
    render(<Inbox client={client()} navigate={() => undefined} />);
    expect(await screen.findByText('服务暂时不可用，请稍后重试', undefined, { timeout: 5000 })).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('重试')));
    expect(await screen.findByText('还没有消息', undefined, { timeout: 5000 })).toBeTruthy();
  });
});

const SETTINGS: NotificationSettings = {
  credits: [{ templateId: 'tpl-review', purpose: '审核进度通知', remaining: 2 }],
  templates: [
    { templateId: 'tpl-review', purpose: '审核进度通知' },
    { templateId: 'tpl-payment', purpose: '资金拨付通知' },
  ],
  proactiveMatches: true,
};

describe('消息设置', () => {
  it('shows the remaining credits per purpose and turns proactive matches off', async () => {
    expect(creditsByPurpose(SETTINGS)).toEqual([
      { purpose: '审核进度通知', remaining: 2 },
      { purpose: '资金拨付通知', remaining: 0 },
    ]);
    answer('GET /api/v1/me/notification-settings', 200, SETTINGS);
    answer('PUT /api/v1/me/notification-settings', 200, { ...SETTINGS, proactiveMatches: false });
    render(<NotificationSettingsView client={client()} />);
    await screen.findByText('政策匹配提醒', undefined, { timeout: 5000 });
    const toggle = document.querySelector('[data-setting="proactiveMatches"]') as Element;
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(toggle.textContent).toContain('已开启');
    expect(document.querySelector('[data-purpose="审核进度通知"]')?.textContent).toContain('还可接收 2 条');
    expect(document.querySelector('[data-purpose="资金拨付通知"]')?.textContent).toContain('未订阅');
    await act(async () => void fireEvent.click(toggle));
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'), { timeout: 5000 });
    expect(toggle.textContent).toContain('已关闭');
    expect(JSON.parse((await seen('PUT /api/v1/me/notification-settings'))[0]?.body ?? '')).toEqual({
      proactiveMatches: false,
    });
  });

  it('keeps the setting as it was and says why when saving fails', async () => {
    answer('GET /api/v1/me/notification-settings', 200, SETTINGS);
    answer('PUT /api/v1/me/notification-settings', 500, {
      code: 'INTERNAL',
      message: '系统繁忙，请稍后重试',
      details: [],
      requestId: 'r',
    });
    render(<NotificationSettingsView client={client()} />);
    await screen.findByText('政策匹配提醒', undefined, { timeout: 5000 });
    const toggle = document.querySelector('[data-setting="proactiveMatches"]') as Element;
    await act(async () => void fireEvent.click(toggle));
    expect(await screen.findByText('✕ 系统繁忙，请稍后重试', undefined, { timeout: 5000 })).toBeTruthy();
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  });
});

describe('the subscribe request at submission', () => {
  beforeEach(forgetTemplates);

  it("reads WeChat's answer for the asked templates only", () => {
    expect(
      subscriptionResults(['a', 'b', 'c'], {
        errMsg: 'requestSubscribeMessage:ok',
        a: 'accept',
        b: 'reject',
        x: 'accept',
      }),
    ).toEqual([
      { templateId: 'a', answer: 'accept' },
      { templateId: 'b', answer: 'reject' },
    ]);
  });

  it('on weapp asks for the cached templates and tells the API what was answered', async () => {
    answer('GET /api/v1/me/notification-settings', 200, SETTINGS);
    answer('POST /api/v1/me/subscriptions', 200, SETTINGS);
    const c = client();
    await prefetchTemplates(c, { platform: 'weapp' });
    const asked: string[][] = [];
    await askToSubscribe(c, {
      platform: 'weapp',
      request: (ids) => {
        asked.push(ids);
        return Promise.resolve({
          errMsg: 'requestSubscribeMessage:ok',
          'tpl-review': 'accept',
          'tpl-payment': 'reject',
        });
      },
    });
    expect(asked).toEqual([['tpl-review', 'tpl-payment']]);
    expect(JSON.parse((await seen('POST /api/v1/me/subscriptions'))[0]?.body ?? '')).toEqual({
      results: [
        { templateId: 'tpl-review', answer: 'accept' },
        { templateId: 'tpl-payment', answer: 'reject' },
      ],
    });
    // Cached for the session: a second tap asks WeChat again without reading the settings again.
    answer('POST /api/v1/me/subscriptions', 200, SETTINGS);
    await askToSubscribe(c, { platform: 'weapp', request: () => Promise.resolve({ 'tpl-review': 'accept' }) });
    await seen('POST /api/v1/me/subscriptions', 2);
    expect(requests.filter((r) => r.key === 'GET /api/v1/me/notification-settings')).toHaveLength(1);
  });

  it('goes on when WeChat refuses, when the API fails, and does nothing on H5', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    answer('GET /api/v1/me/notification-settings', 200, SETTINGS);
    const c = client();
    await prefetchTemplates(c, { platform: 'weapp' });
    await expect(
      askToSubscribe(c, {
        platform: 'weapp',
        request: () => Promise.reject(new Error('requestSubscribeMessage:fail')),
      }),
    ).resolves.toBeUndefined();
    // The API refusing the record is logged, never thrown at the submission.
    answer('POST /api/v1/me/subscriptions', 500, {
      code: 'INTERNAL',
      message: '系统繁忙',
      details: [],
      requestId: 'r',
    });
    await askToSubscribe(c, { platform: 'weapp', request: () => Promise.resolve({ 'tpl-review': 'accept' }) });
    await seen('POST /api/v1/me/subscriptions');
    await waitFor(() => expect(warn).toHaveBeenCalledWith('subscriptions not recorded', expect.anything()));
    const asked: string[][] = [];
    await askToSubscribe(c, {
      platform: 'h5',
      request: (ids) => {
        asked.push(ids);
        return Promise.resolve({});
      },
    });
    expect(asked).toEqual([]);
    expect(requests.filter((r) => r.key === 'POST /api/v1/me/subscriptions')).toHaveLength(1);
  });

  it('skips the prompt (and fetches for next time) when the templates are not cached yet', async () => {
    answer('GET /api/v1/me/notification-settings', 200, SETTINGS);
    const asked: string[][] = [];
    await askToSubscribe(client(), {
      platform: 'weapp',
      request: (ids) => {
        asked.push(ids);
        return Promise.resolve({});
      },
    });
    expect(asked).toEqual([]);
    await seen('GET /api/v1/me/notification-settings');
  });
});
