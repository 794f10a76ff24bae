import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

// The firm the user works for now (a user may belong to several): chosen on 我的企业, used by
// 企业档案, 场地登记, 申报 and 我的申报. Kept on the device; the API checks membership on every call.

const KEY = 'huiqi.current-org.v1';
type Listener = (orgId: number | null) => void;
const listeners = new Set<Listener>();

const read = (): number | null => {
  try {
    const value: unknown = Taro.getStorageSync(KEY);
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
};

export const currentOrgId = (): number | null => read();

/** Chooses the firm to work for (null: none, e.g. after sign-out or leaving the firm). */
export const setCurrentOrgId = (orgId: number | null): void => {
  if (orgId === null) Taro.removeStorageSync(KEY);
  else Taro.setStorageSync(KEY, orgId);
  listeners.forEach((listener) => listener(orgId));
};

/** The current firm's id, kept current across pages (a tab page is not re-mounted when shown). */
export const useCurrentOrgId = (): number | null => {
  const [orgId, setOrgId] = useState<number | null>(read);
  useEffect(() => {
    listeners.add(setOrgId);
    return () => void listeners.delete(setOrgId);
  }, []);
  useDidShow(() => setOrgId(read()));
  return orgId;
};
