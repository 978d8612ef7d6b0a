import { useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { LogOut, Monitor, Moon, Sun } from 'lucide-react';
import { useQueryClient } from '@tanstack/react-query';
import { signOut, useMe } from '@/api/auth';
import { setTheme, themeChoice, type ThemeChoice } from '@/lib/theme';

const THEMES: { value: ThemeChoice; label: string; Icon: typeof Sun }[] = [
  { value: 'light', label: 'Light theme', Icon: Sun },
  { value: 'dark', label: 'Dark theme', Icon: Moon },
  { value: 'system', label: 'System theme', Icon: Monitor },
];

export function ThemeSwitch() {
  const choice = useSyncExternalStore(themeChoice.subscribe, themeChoice.get);
  return (
    <div role="radiogroup" aria-label="Theme" className="inline-flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-600">
      {THEMES.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={choice === value}
          aria-label={label}
          title={label}
          onClick={() => setTheme(value)}
          className={`rounded-md p-1.5 ${choice === value ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
        >
          <Icon className="size-4" aria-hidden />
        </button>
      ))}
    </div>
  );
}

export function UserMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const name = me.data?.full_name || me.data?.email || '';
  const initials = name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((s) => s[0]?.toUpperCase())
    .join('');
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <div aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100">
          {initials || '?'}
        </div>
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100" data-testid="signed-in-user">
            {me.data?.full_name || me.data?.email}
          </p>
          {me.data?.full_name && <p className="truncate text-xs text-slate-600 dark:text-slate-400">{me.data.email}</p>}
        </div>
      </div>
      <div className="flex items-center justify-between gap-2">
        <ThemeSwitch />
        <button
          type="button"
          onClick={async () => {
            await signOut();
            qc.clear();
            navigate('/login');
          }}
          className="inline-flex items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <LogOut className="size-4" aria-hidden />
          Sign out
        </button>
      </div>
    </div>
  );
}
