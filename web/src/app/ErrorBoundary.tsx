import { Component, type ErrorInfo, type ReactNode } from 'react';
import { AlertOctagon } from 'lucide-react';

interface State {
  error: Error | null;
}

// The last line of defence: a render error shows what happened and a way back instead of a blank page.
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: unknown }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Unhandled UI error', error, info.componentStack);
  }

  componentDidUpdate(prev: { resetKey?: unknown }) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="mx-auto my-16 max-w-xl rounded-2xl border border-rose-200 bg-white p-8 text-center shadow-sm dark:border-rose-900 dark:bg-slate-900">
        <AlertOctagon className="mx-auto mb-3 size-8 text-rose-600 dark:text-rose-400" aria-hidden />
        <h1 className="text-lg font-semibold">This page ran into a problem</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">The rest of CommandCenter still works. Reload the page or go back to the dashboard.</p>
        <details className="mt-4 text-left text-xs text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer">Technical details</summary>
          <pre className="mt-2 overflow-auto rounded bg-slate-100 p-2 whitespace-pre-wrap dark:bg-slate-800">{error.message}</pre>
        </details>
        <div className="mt-6 flex justify-center gap-2">
          <button type="button" className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium dark:border-slate-600" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <a className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white" href="/">
            Dashboard
          </a>
        </div>
      </div>
    );
  }
}
