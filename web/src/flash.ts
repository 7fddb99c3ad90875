/** A one-time notice carried across a navigation ("已新增单位…" shown on the list after saving). */
let pending: string | null = null;

export const setFlash = (message: string): void => {
  pending = message;
};

/** Returns the notice once, then forgets it. */
export const takeFlash = (): string | null => {
  const message = pending;
  pending = null;
  return message;
};
