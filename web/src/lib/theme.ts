// Light, dark, or whatever the system prefers; remembered in localStorage and applied as a class on <html>.
import { createStore, readJson, writeJson } from './store';

export type ThemeChoice = 'light' | 'dark' | 'system';
const STORAGE_KEY = 'cc.theme';

export const themeChoice = createStore<ThemeChoice>(readJson<ThemeChoice>(STORAGE_KEY) ?? 'system');

const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

export function resolvedTheme(choice = themeChoice.get()): 'light' | 'dark' {
  if (choice === 'system') return media?.matches ? 'dark' : 'light';
  return choice;
}

export function applyTheme() {
  const theme = resolvedTheme();
  const root = document.documentElement;
  root.classList.toggle('dark', theme === 'dark');
  root.classList.toggle('light', theme === 'light');
}

export function setTheme(choice: ThemeChoice) {
  writeJson(STORAGE_KEY, choice);
  themeChoice.set(choice);
  applyTheme();
}

media?.addEventListener('change', () => {
  if (themeChoice.get() === 'system') applyTheme();
});

// A theme chosen in another tab applies here too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    const next = event.newValue ? (JSON.parse(event.newValue) as ThemeChoice) : 'system';
    themeChoice.set(next);
    applyTheme();
  });
}
