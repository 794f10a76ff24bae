// `@tarojs/taro` as a Taro build sees it: the H5 implementation plus the React hooks that the
// framework plugin's loader appends to it at build time (api-loader.js). A page rendered alone
// under jest has no Taro page instance: lifecycle hooks have nothing to attach to and do nothing,
// and useRouter reads Current.router, which a test sets to open a page with a query.
// The H5 build rewrites `Taro.setStorageSync(…)` into named imports from @tarojs/taro-h5 (babel's
// transform-taroapi); here the default export carries them all instead.
import * as TaroH5 from '@tarojs/taro-h5';
import type TaroTypes from '@tarojs/taro';
import { Current } from '@tarojs/runtime';

type RouterInfo = ReturnType<typeof TaroTypes.useRouter>;

export * from '@tarojs/taro-h5';
export default { ...TaroH5.default, ...TaroH5 };

export const useRouter = (): RouterInfo =>
  (Current.router as RouterInfo | null) ?? ({ params: {}, path: '/' } as unknown as RouterInfo);
const lifecycle = (): void => undefined;
export const useDidShow = lifecycle;
export const useDidHide = lifecycle;
export const useLaunch = lifecycle;
export const useLoad = lifecycle;
export const useReady = lifecycle;
export const usePullDownRefresh = lifecycle;
export const useShareAppMessage = lifecycle;
