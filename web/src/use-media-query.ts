/** Whether a CSS media query matches now, following changes (a phone turned, a window resized). */
import { useEffect, useState } from 'preact/hooks';

export const useMediaQuery = (query: string): boolean => {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
};

/** The site's phone width (the same breakpoint as the style sheet's `max-width: 768px`). */
export const PHONE_QUERY = '(max-width: 768px)';
