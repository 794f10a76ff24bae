import Taro from '@tarojs/taro';

// Forms keep what was typed on the device until the API accepts it: a lost network, a failed
// save or a restart loses nothing. A draft is cleared only after success.

export const loadDraft = <T>(key: string, accept: (value: unknown) => value is T): T | null => {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return accept(value) ? value : null;
  } catch {
    return null;
  }
};

export const saveDraft = (key: string, value: unknown): void => {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // Storage full or refused: the form still works, it only forgets on restart.
  }
};

export const clearDraft = (key: string): void => {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // Nothing to clear.
  }
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
