import Taro from '@tarojs/taro';
import { isProgramId, type ProgramId } from '@huiqi/shared';
import { type Inputs } from './form';

/** What the calculator keeps on the device, so a lost network or a restart loses nothing typed. */
export interface Draft {
  claimYear: number;
  programs: ProgramId[] | 'all';
  inputs: Inputs;
}

const KEY = 'huiqi.calculator.v1';

export const loadDraft = (): Draft | null => {
  try {
    const value = Taro.getStorageSync(KEY) as Partial<Draft> | '';
    if (!value || typeof value !== 'object' || typeof value.claimYear !== 'number') return null;
    const programs =
      value.programs === 'all' || (Array.isArray(value.programs) && value.programs.every(isProgramId))
        ? value.programs
        : 'all';
    const inputs = typeof value.inputs === 'object' && value.inputs !== null ? value.inputs : {};
    return { claimYear: value.claimYear, programs, inputs };
  } catch {
    return null;
  }
};

export const saveDraft = (draft: Draft): void => {
  try {
    Taro.setStorageSync(KEY, draft);
  } catch {
    // Storage full or refused: the page still works, it only forgets on restart.
  }
};
