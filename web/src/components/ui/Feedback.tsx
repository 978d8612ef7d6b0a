import type { ReactNode } from 'react';
import { AlertTriangle, Loader2 } from 'lucide-react';
import { describeError } from '@/api/problem';
import { Button } from './Button';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-10 text-sm text-slate-600 dark:text-slate-300">
      <Loader2 className="size-5 animate-spin" aria-hidden />
      <span>{label}…</span>
    </div>
  );
}

interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}

// Says what is missing and what to do next.
export function EmptyState({ icon, title, children, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center justify-center rounded-2xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
      {icon && <div className="mb-3 text-slate-500 dark:text-slate-400">{icon}</div>}
      <h3 className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h3>
      {children && <div className="mt-1 max-w-md text-sm text-slate-600 dark:text-slate-300">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail, requestId } = describeError(error);
  return (
    <div role="alert" className="flex flex-col items-center rounded-2xl border border-rose-200 bg-rose-50 px-6 py-10 text-center dark:border-rose-900 dark:bg-rose-950/40">
      <AlertTriangle className="mb-2 size-6 text-rose-600 dark:text-rose-400" aria-hidden />
      <h3 className="font-semibold text-rose-900 dark:text-rose-100">{title}</h3>
      <p className="mt-1 max-w-md text-sm text-rose-800 dark:text-rose-200">{detail}</p>
      {requestId && <p className="mt-1 font-mono text-xs text-rose-700 dark:text-rose-300">Request {requestId}</p>}
      {onRetry && (
        <Button className="mt-4" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

export function ProgressBar({ value, label, tone = 'indigo' }: { value: number; label: string; tone?: 'indigo' | 'emerald' | 'rose' }) {
  const clamped = Math.max(0, Math.min(100, value));
  const color = { indigo: 'bg-indigo-600 dark:bg-indigo-400', emerald: 'bg-emerald-600 dark:bg-emerald-400', rose: 'bg-rose-600 dark:bg-rose-400' }[tone];
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped)} className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
      <div className={`h-full rounded-full transition-[width] duration-300 ${color}`} style={{ width: `${clamped}%` }} />
    </div>
  );
}

export function Badge({ className = '', children, testId }: { className?: string; children: ReactNode; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${className}`}>
      {children}
    </span>
  );
}
