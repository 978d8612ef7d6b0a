import { useSyncExternalStore } from 'react';
import { CheckCircle2, Info, X, XCircle } from 'lucide-react';
import { dismissToast, toasts } from './toast';

const ICON = { success: CheckCircle2, error: XCircle, info: Info } as const;
const TONE = {
  success: 'border-emerald-300 dark:border-emerald-700',
  error: 'border-rose-300 dark:border-rose-700',
  info: 'border-sky-300 dark:border-sky-700',
} as const;
const ICON_TONE = {
  success: 'text-emerald-600 dark:text-emerald-400',
  error: 'text-rose-600 dark:text-rose-400',
  info: 'text-sky-600 dark:text-sky-400',
} as const;

export function Toaster() {
  const items = useSyncExternalStore(toasts.subscribe, toasts.get);
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end" aria-live="polite" role="region" aria-label="Notifications">
      {items.map((t) => {
        const Icon = ICON[t.kind];
        return (
          <div
            key={t.id}
            role={t.kind === 'error' ? 'alert' : 'status'}
            className={`pointer-events-auto flex w-full max-w-sm gap-3 rounded-xl border bg-white p-3 shadow-lg dark:bg-slate-900 ${TONE[t.kind]}`}
          >
            <Icon className={`mt-0.5 size-5 shrink-0 ${ICON_TONE[t.kind]}`} aria-hidden />
            <div className="min-w-0 flex-1">
              <p className="text-sm font-semibold text-slate-900 dark:text-slate-50">{t.title}</p>
              {t.detail && <p className="mt-0.5 text-sm break-words text-slate-700 dark:text-slate-300">{t.detail}</p>}
              {t.requestId && <p className="mt-1 font-mono text-xs text-slate-600 dark:text-slate-400">Request {t.requestId}</p>}
            </div>
            <button
              type="button"
              onClick={() => dismissToast(t.id)}
              className="rounded p-1 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
              aria-label="Dismiss notification"
            >
              <X className="size-4" aria-hidden />
            </button>
          </div>
        );
      })}
    </div>
  );
}
