import Taro from '@tarojs/taro';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/** The pop-up that asks (components/privacy-popup.tsx) listens here. */
type Asker = (answer: Resolve) => void;
let asker: Asker | null = null;
let pending: Resolve | null = null;

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

/**
 * WeChat calls back before the first privacy API of a session; the pop-up shows and answers
 * through `resolve`. If no pop-up is on screen yet, the request waits for one.
 */
export const installPrivacyListener = (): void => {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    if (asker) asker(resolve);
    else pending = resolve;
  });
};

/** Called by the pop-up when it mounts; returns the function to call when it unmounts. */
export const registerPrivacyAsker = (ask: Asker): (() => void) => {
  asker = ask;
  if (pending) {
    ask(pending);
    pending = null;
  }
  return () => {
    if (asker === ask) asker = null;
  };
};

/**
 * Before a flow that collects personal data (sign-in, later uploads): when WeChat says the user
 * has not yet agreed to the privacy guidelines, asks now and resolves once they agree; rejects
 * when they decline. Resolves at once on H5 and where the base library has no privacy API.
 */
export const ensurePrivacyAuthorized = async (): Promise<void> => {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.getPrivacySetting !== 'function') return;
  const setting = await new Promise<{ needAuthorization: boolean }>((resolve) =>
    Taro.getPrivacySetting({ success: resolve, fail: () => resolve({ needAuthorization: false }) }),
  );
  if (!setting.needAuthorization) return;
  if (!asker) throw new Error('请先阅读并同意隐私保护指引');
  await new Promise<void>((resolve, reject) =>
    asker?.((option) => {
      if (option.event === 'agree') resolve();
      else if (option.event === 'disagree') reject(new Error('您未同意隐私保护指引，暂时无法登录'));
    }),
  );
};
