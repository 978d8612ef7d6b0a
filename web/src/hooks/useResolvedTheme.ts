import { useEffect, useState, useSyncExternalStore } from 'react';
import { resolvedTheme, themeChoice } from '@/lib/theme';

export function useResolvedTheme(): 'light' | 'dark' {
  const choice = useSyncExternalStore(themeChoice.subscribe, themeChoice.get);
  const [, force] = useState(0);
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = () => force((n) => n + 1);
    media?.addEventListener('change', onChange);
    return () => media?.removeEventListener('change', onChange);
  }, []);
  return resolvedTheme(choice);
}
