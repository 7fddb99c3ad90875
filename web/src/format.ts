/** Dates, windows and points as bureau staff read them: Beijing time, Chinese formats. */
import type { PeriodWindow } from '../../shared/schemas/year';

const TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2025年3月25日 09:00`, in Beijing time whatever the device's zone. */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

export type WindowStatus = 'closed' | 'open' | 'upcoming';

export const windowStatus = (window: PeriodWindow, now: Date): WindowStatus => {
  if (now < new Date(window.opensAt)) return 'upcoming';
  if (now > new Date(window.closesAt)) return 'closed';
  return 'open';
};

/** The window to point users at: the open one, else the next to open, else none. */
export const focusWindow = (windows: readonly PeriodWindow[], now: Date): PeriodWindow | undefined =>
  windows.find((w) => windowStatus(w, now) === 'open') ??
  windows
    .filter((w) => windowStatus(w, now) === 'upcoming')
    .sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt))[0];

/** Points are stored as integer hundredths: 500 → `5.00 分`. */
export const formatPoints = (cents: number): string => `${(cents / 100).toFixed(2)} 分`;

/** Points without the unit, for table cells: 8912 → `89.12`. */
export const formatScore = (cents: number): string => (cents / 100).toFixed(2);
