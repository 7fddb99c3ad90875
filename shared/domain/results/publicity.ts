/** The publicity window (公示期): from the move into publicity, `publicityDays` calendar days. */
import type { Year } from '../../schemas/year';

/** When the year's publicity closes, or null when it has not been opened. */
export const publicityClosesAt = (year: Pick<Year, 'history' | 'publicityDays'>): Date | null => {
  const opened = [...year.history].reverse().find((h) => h.state === 'publicity');
  return opened ? new Date(Date.parse(opened.at) + year.publicityDays * 86_400_000) : null;
};

/** A Beijing-time rendering for messages: 2026年1月30日 09:00. */
export const shanghaiTime = (at: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
    timeStyle: 'short',
    hour12: false,
  }).format(at);
