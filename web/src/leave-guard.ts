/**
 * Unsaved work across the app. A form that saves by itself registers here: before the tab closes
 * every pending edit is sent at once (the saves use `keepalive`, so they outlive the page) and the
 * browser asks when something is still unsaved; an in-app navigation asks when a save failed (a
 * pending one is sent as the page unmounts, so it is not lost by moving on).
 */

/** Where a form's edits stand: all saved, some waiting to be sent or in flight, or a save failed. */
export type UnsavedLevel = 'none' | 'pending' | 'failed';

interface Source {
  level: () => UnsavedLevel;
  flush: () => void;
}

const sources = new Set<Source>();

/** Registers a form's unsaved state; returns the unregister function (for an effect's clean-up). */
export const guardUnsaved = (source: Source): (() => void) => {
  sources.add(source);
  return () => {
    sources.delete(source);
  };
};

const levels = () => [...sources].map((s) => s.level());

/** Sends every pending edit now (page hide, tab close). */
export const flushAll = (): void => {
  for (const source of sources) source.flush();
};

export const LEAVE_QUESTION = '有修改尚未保存，离开后将丢失。确定离开此页吗？';

/** True when the user may leave for another page of the app: nothing failed, or they confirmed. */
export const confirmLeave = (): boolean => !levels().includes('failed') || window.confirm(LEAVE_QUESTION);

addEventListener('pagehide', flushAll);
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushAll();
});
addEventListener('beforeunload', (event) => {
  flushAll();
  if (levels().some((level) => level !== 'none')) {
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = LEAVE_QUESTION;
  }
});
