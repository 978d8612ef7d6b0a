// Toasts: a small queue outside React so that any code (the query client, mutations) can raise one.
import { createStore } from '@/lib/store';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: string;
  kind: ToastKind;
  title: string;
  detail?: string;
  requestId?: string;
}

export const toasts = createStore<Toast[]>([]);
let counter = 0;

function push(kind: ToastKind, title: string, detail?: string, options: { id?: string; requestId?: string } = {}) {
  const id = options.id ?? `t${++counter}`;
  const next = toasts.get().filter((t) => t.id !== id);
  toasts.set([...next.slice(-2), { id, kind, title, detail, requestId: options.requestId }]);
  const timeout = kind === 'error' ? 8000 : 3000;
  setTimeout(() => dismissToast(id), timeout);
  return id;
}

export function dismissToast(id: string) {
  toasts.set(toasts.get().filter((t) => t.id !== id));
}

export const toast = {
  success: (title: string, detail?: string) => push('success', title, detail),
  info: (title: string, detail?: string) => push('info', title, detail),
  error: (title: string, detail?: string, options?: { id?: string; requestId?: string }) => push('error', title, detail, options),
};
