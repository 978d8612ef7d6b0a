import type { ReactNode } from 'react';
import { ThemeSwitch } from '@/layout/UserMenu';

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-br from-indigo-50 via-slate-50 to-teal-50 px-4 py-10 dark:from-slate-950 dark:via-slate-950 dark:to-indigo-950">
      <main className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-2">
          <img src="/favicon.svg" alt="" className="size-10" />
          <span className="text-xl font-semibold tracking-tight text-slate-900 dark:text-white">CommandCenter</span>
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-xl sm:p-8 dark:border-slate-800 dark:bg-slate-900">
          <h1 className="text-xl font-semibold text-slate-900 dark:text-white">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{subtitle}</p>}
          <div className="mt-6">{children}</div>
        </div>
        <div className="mt-6 flex justify-center">
          <ThemeSwitch />
        </div>
      </main>
    </div>
  );
}
