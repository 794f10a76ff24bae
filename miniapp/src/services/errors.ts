import { ApiError } from '@huiqi/shared';

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试（已填写的内容不会丢失）';
export const TIMEOUT_MESSAGE = '服务器响应超时，请稍后重试（已填写的内容不会丢失）';
const UNKNOWN_MESSAGE = '操作失败，请稍后重试';

/** The Chinese sentence to show for a failed call: the API's own words, or ours when no answer came. */
export const messageOf = (error: unknown): string => {
  if (!(error instanceof ApiError)) return UNKNOWN_MESSAGE;
  if (error.code === 'NETWORK') return NETWORK_MESSAGE;
  if (error.code === 'TIMEOUT') return TIMEOUT_MESSAGE;
  return error.message;
};
