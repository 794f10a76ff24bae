import { fileKindName, formatDateZh, type MaterialView } from '@huiqi/shared';

/** A file's size for a shop owner: 980 字节, 12.5 KB, 3.2 MB (one decimal, from integers). */
export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} 字节`;
  const tenths = (n: number, unit: number) => Math.round((n * 10) / unit);
  if (bytes < 1024 * 1024) {
    const t = tenths(bytes, 1024);
    return `${Math.floor(t / 10)}.${t % 10} KB`;
  }
  const t = tenths(bytes, 1024 * 1024);
  return `${Math.floor(t / 10)}.${t % 10} MB`;
};

/** Whole percent sent, 0–100; 0 while the total is unknown. */
export const percentOf = (sent: number, total: number): number =>
  total > 0 ? Math.min(100, Math.floor((sent * 100) / total)) : 0;

/** What the file must be, in words: its kinds and how recent it must be. */
export const acceptsText = (material: Pick<MaterialView, 'accepts'>): string =>
  `可上传：${material.accepts.map(fileKindName).join('、')}`;

export const validityText = (material: Pick<MaterialView, 'validity'>, claimYear: number): string => {
  const v = material.validity;
  if (v.kind === 'permanent') return '证照在有效期内即可';
  if (v.kind === 'claim-year') return `须为${claimYear}年度的材料`;
  return `须为近${v.months}个月内开具`;
};

export const validUntilText = (validUntil: string | null): string | null =>
  validUntil ? `作为证明材料可用至${formatDateZh(validUntil)}` : null;
