/**
 * Where focus goes when a form opens. It moves in the same commit that draws the form
 * (`useLayoutEffect`), before the browser handles any further click or key. An effect after paint
 * (`useEffect`) ran a frame or more later: on a slow device the user had already clicked into a
 * field and typed, and the late focus sent the rest of their typing into another field.
 */
import { useLayoutEffect } from 'preact/hooks';

export const useOpeningFocus = (target: () => HTMLElement | null | undefined, deps: readonly unknown[]) =>
  useLayoutEffect(() => {
    target()?.focus();
  }, deps);
