import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { Check, ChevronsUpDown, LogOut, Monitor, Moon, Sun } from 'lucide-react';
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

const ITEM =
  'flex w-full items-center gap-2 rounded-md px-2.5 py-2 text-left text-sm text-slate-800 outline-none hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800';

// The signed-in person's menu (WAI-ARIA menu button): the button names them; the menu offers the theme and
// signing out. Enter, Space or ArrowDown open it on its first item (ArrowUp on its last); arrows, Home and End move;
// Escape closes it and puts focus back on the button; Tab or a click elsewhere closes it.
export function UserMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const choice = useSyncExternalStore(themeChoice.subscribe, themeChoice.get);
  const [open, setOpen] = useState(false);
  const [focusOn, setFocusOn] = useState<'first' | 'last' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const buttonId = useId();
  const name = me.data?.full_name || me.data?.email || '';
  const initials = name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((s) => s[0]?.toUpperCase())
    .join('');

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open || !focusOn) return;
    const list = items();
    (focusOn === 'first' ? list[0] : list[list.length - 1])?.focus();
    setFocusOn(null);
  }, [open, focusOn]);

  // A press anywhere else closes the menu (focus stays where the press put it).
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function openMenu(at: 'first' | 'last') {
    setOpen(true);
    setFocusOn(at);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  function onButtonKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openMenu('first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openMenu('last');
    }
  }

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
    else if (e.key === 'Escape') {
      // Only the menu closes: not the phone menu (a modal dialog) it may sit in.
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') close(true); // focus goes back to the button, and Tab moves on from there
  }

  function chooseTheme(value: ThemeChoice) {
    setTheme(value);
    close(true);
  }

  return (
    <div ref={root} className="relative">
      {open && (
        <div className="absolute right-0 bottom-full left-0 z-40 mb-2 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <div className="border-b border-slate-100 px-2.5 pt-1 pb-2 dark:border-slate-800">
            <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{me.data?.full_name || me.data?.email}</p>
            {me.data?.full_name && <p className="truncate text-xs text-slate-600 dark:text-slate-400">{me.data.email}</p>}
          </div>
          <div ref={menu} id={menuId} role="menu" aria-labelledby={buttonId} onKeyDown={onMenuKey} className="pt-1.5">
            <div role="group" aria-label="Theme">
              <p aria-hidden className="px-2.5 pb-1 text-xs font-medium text-slate-600 dark:text-slate-400">Theme</p>
              {THEMES.map(({ value, label, Icon }) => (
                <button key={value} type="button" role="menuitemradio" aria-checked={choice === value} tabIndex={-1} onClick={() => chooseTheme(value)} className={ITEM}>
                  <Icon className="size-4 shrink-0" aria-hidden />
                  <span className="flex-1">{label}</span>
                  {choice === value && <Check className="size-4 text-indigo-700 dark:text-indigo-300" aria-hidden />}
                </button>
              ))}
            </div>
            <div role="separator" className="my-1.5 border-t border-slate-100 dark:border-slate-800" />
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={ITEM}
              onClick={async () => {
                setOpen(false);
                await signOut();
                qc.clear();
                navigate('/login');
              }}
            >
              <LogOut className="size-4 shrink-0" aria-hidden />
              Sign out
            </button>
          </div>
        </div>
      )}
      <button
        ref={button}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openMenu('first'))}
        onKeyDown={onButtonKey}
        className="flex w-full items-center gap-3 rounded-lg p-1.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-slate-800"
      >
        <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100">
          {initials || '?'}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900 dark:text-slate-100" data-testid="signed-in-user">
            {me.data?.full_name || me.data?.email}
          </span>
          {me.data?.full_name && <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{me.data.email}</span>}
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-slate-500 dark:text-slate-400" aria-hidden />
      </button>
    </div>
  );
}
