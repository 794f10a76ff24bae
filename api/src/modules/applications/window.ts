import { type Edition, formatDateZh } from '@huiqi/shared';
import { AppError } from '../../common/errors.js';

/**
 * Why a submission on `today` (YYYY-MM-DD in Asia/Shanghai, Clock.today) falls outside the
 * edition's application window, or null inside it. Both ends are whole days and count: a window
 * opening 2026-03-01 and closing 2026-03-31 takes submissions from the first minute of 1 March to
 * the last of 31 March, Liaocheng time. No window: the city has not opened a round (申报批次).
 */
export const windowRefusal = (
  window: Edition['applicationWindow'],
  claimYear: number,
  today: string,
): AppError<'OUTSIDE_WINDOW'> | null => {
  if (!window)
    return new AppError(
      'OUTSIDE_WINDOW',
      `${claimYear}年度的申报批次尚未公布，暂不能提交申报；可先保存草稿，批次公布后再提交`,
      { opens: null, closes: null, today },
    );
  const { opens, closes } = window;
  if (today < opens || today > closes)
    return new AppError(
      'OUTSIDE_WINDOW',
      `不在申报时间内：${claimYear}年度的申报时间为${formatDateZh(opens)}至${formatDateZh(closes)}`,
      { opens, closes, today },
    );
  return null;
};
