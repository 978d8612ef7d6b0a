import { useLayoutEffect, useRef } from 'react';
import { WifiOff } from 'lucide-react';
import { useOnline } from '@/hooks/useOnline';

// The banner sticks to the top of the window; what else sticks there (the sidebar, the phone header) starts below
// it and is as much shorter, through --offline-banner-height, so that nothing at the bottom of the sidebar is cut off.
const HEIGHT = '--offline-banner-height';

export function OfflineBanner() {
  const online = useOnline();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const banner = ref.current;
    if (!banner) return;
    const root = document.documentElement.style;
    const measure = () => root.setProperty(HEIGHT, `${banner.getBoundingClientRect().height}px`);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(banner);
    return () => {
      observer?.disconnect();
      root.removeProperty(HEIGHT);
    };
  }, [online]);
  if (online) return null;
  return (
    <div ref={ref} role="status" className="sticky top-0 z-50 flex items-center justify-center gap-2 bg-amber-100 px-4 py-2 text-sm font-medium text-amber-950 dark:bg-amber-900 dark:text-amber-50">
      <WifiOff className="size-4 shrink-0" aria-hidden />
      You are offline. Changes cannot be saved until the connection is back; what you see may be out of date.
    </div>
  );
}
