import Taro from '@tarojs/taro';
import { type ApiClient, type SubscriptionRequest } from '@huiqi/shared';

type Answer = SubscriptionRequest['results'][number]['answer'];
const ANSWERS: ReadonlySet<string> = new Set<Answer>(['accept', 'reject', 'ban', 'filter']);

/** WeChat takes at most three one-time templates in one request. */
const MAX_TEMPLATES = 3;

/** What asks WeChat: `wx.requestSubscribeMessage` in the app, a stand-in in a test. */
export type SubscribeRequester = (tmplIds: string[]) => Promise<Record<string, unknown>>;

// Taro's option type asks for Alipay's entityIds as well; WeChat reads tmplIds only.
const wechatRequester: SubscribeRequester = async (tmplIds) => {
  const answer: object = await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
  return Object.fromEntries(Object.entries(answer));
};

/** WeChat's answer (`{ errMsg, [templateId]: 'accept' | … }`) as the API's request: the asked templates only. */
export const subscriptionResults = (
  tmplIds: readonly string[],
  answer: Record<string, unknown>,
): SubscriptionRequest['results'] =>
  tmplIds.flatMap((templateId) => {
    const value = answer[templateId];
    return typeof value === 'string' && ANSWERS.has(value) ? [{ templateId, answer: value as Answer }] : [];
  });

// The template ids, once per run of the app: configuration that does not change under a user, and
// needed at the tap with no request in between (WeChat refuses requestSubscribeMessage once the
// tap's gesture has passed, as it has after a network round trip).
let templates: string[] | null = null;
let loading: Promise<void> | null = null;

/**
 * Fetches the template ids ahead of the tap (a page with a submit button calls it when it opens);
 * on weapp only, the one platform that asks.
 */
export const prefetchTemplates = (
  client: ApiClient,
  { platform = process.env.TARO_ENV }: { platform?: string } = {},
): Promise<void> => {
  if (platform !== 'weapp' || templates !== null) return Promise.resolve();
  loading ??= client.getNotificationSettings().then(
    (settings) => {
      templates = settings.templates.map((t) => t.templateId).slice(0, MAX_TEMPLATES);
    },
    (error: unknown) => {
      console.warn('subscribe templates not read', error);
      loading = null;
    },
  );
  return loading;
};

/** Forgets the cached template ids (tests). */
export const forgetTemplates = (): void => {
  templates = null;
  loading = null;
};

/**
 * At the submit (or 重新提交) tap, on weapp: asks WeChat for the one-time subscriptions and tells
 * the API what the user accepted. Never rejects and never holds up the submission beyond the
 * user's answer: a refusal, an error or no template ids yet is logged and the caller goes on.
 */
export const askToSubscribe = async (
  client: ApiClient,
  {
    platform = process.env.TARO_ENV,
    request = wechatRequester,
  }: { platform?: string; request?: SubscribeRequester } = {},
): Promise<void> => {
  if (platform !== 'weapp') return;
  if (templates === null) {
    // Too late to fetch and still be inside the tap: ask next time.
    void prefetchTemplates(client, { platform });
    return;
  }
  if (templates.length === 0) return;
  const asked = templates;
  try {
    const results = subscriptionResults(asked, await request(asked));
    if (results.length > 0)
      client.recordSubscriptions({ body: { results } }).catch((error: unknown) => {
        console.warn('subscriptions not recorded', error);
      });
  } catch (error) {
    console.warn('subscribe request failed', error);
  }
};
