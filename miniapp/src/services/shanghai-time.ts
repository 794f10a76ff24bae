import { formatDateZh } from '@huiqi/shared';

// Liaocheng's clock (Asia/Shanghai, UTC+8 all year, no summer time), whatever the phone's time zone.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const shanghai = (instant: Date): Date => new Date(instant.getTime() + SHANGHAI_OFFSET_MS);

/** Today's year in Asia/Shanghai. */
export const shanghaiYear = (now: Date = new Date()): number => shanghai(now).getUTCFullYear();

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export const shanghaiToday = (now: Date = new Date()): string => shanghai(now).toISOString().slice(0, 10);

/** An ISO instant's day in Asia/Shanghai: 2026年6月15日. */
export const formatDayZh = (iso: string): string => formatDateZh(shanghai(new Date(iso)).toISOString().slice(0, 10));

/** An ISO date-time as a Liaocheng clock reads it (UTC+8 all year): 2026年6月15日 10:00. */
export const formatDateTimeZh = (iso: string): string => {
  const local = shanghai(new Date(iso));
  if (Number.isNaN(local.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
};
