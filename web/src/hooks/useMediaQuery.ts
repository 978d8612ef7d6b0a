import { useCallback, useSyncExternalStore } from 'react';

// Whether a CSS media query matches, kept up to date. Without matchMedia (tests in jsdom) nothing matches.
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (callback: () => void) => {
      const media = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
      media?.addEventListener('change', callback);
      return () => media?.removeEventListener('change', callback);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : false),
    () => false,
  );
}

// Tailwind's breakpoints (rem, as in the CSS), for layouts that change structure and not only style.
export const BREAKPOINT = { sm: '40rem', md: '48rem', lg: '64rem', xl: '80rem' } as const;

export function useMinWidth(breakpoint: keyof typeof BREAKPOINT): boolean {
  return useMediaQuery(`(min-width: ${BREAKPOINT[breakpoint]})`);
}
