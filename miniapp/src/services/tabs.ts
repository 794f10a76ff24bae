/**
 * The 消息 tab's place in app.config.ts's tab bar, for its unread badge (test/weapp/compilers.spec.ts
 * checks the built app.json against it). Free of Taro so that check can import it.
 */
export const MESSAGES_TAB_INDEX = 3;
