import { Fragment, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ChevronDown, ChevronRight, Lock, ScrollText } from 'lucide-react';
import { useAuditLog } from '@/api/audit';
import { usePermissions } from '@/api/projects';
import type { AuditEntry } from '@/api/types';
import { EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { SelectField, InputField } from '@/components/ui/Form';
import { PageHeader } from '@/components/ui/Layout';
import { Pagination } from '@/components/ui/Pagination';
import { useMinWidth } from '@/hooks/useMediaQuery';
import { formatDateTime, label } from '@/lib/format';

const ENTITIES = ['project', 'member', 'technology', 'technology_link', 'repository', 'research_task', 'research_task_document', 'knowledge_entry', 'job', 'schedule', 'api_key', 'user'];
const ACTIONS = ['create', 'update', 'delete', 'sync', 'import', 'dispatch', 'cancel', 'rerun', 'execute', 'invite', 'accept_invite'];

// Only the fields that differ between before and after.
export function changedFields(before: unknown, after: unknown): { field: string; from: unknown; to: unknown }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !['updated_at', 'version'].includes(k));
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, from: b[k], to: a[k] }));
}

// The name of what an entry is about, from its after (or, for a deletion, its before) state: a technology's or task's
// title, a repository's full name, a project's or key's name, a member's email.
export function auditSubject(entry: Pick<AuditEntry, 'before' | 'after'>): string | null {
  for (const state of [entry.after, entry.before]) {
    if (!state || typeof state !== 'object') continue;
    const o = state as Record<string, unknown>;
    for (const key of ['title', 'full_name', 'name', 'email']) {
      const value = o[key];
      if (typeof value === 'string' && value.trim()) return value;
    }
  }
  return null;
}

function What({ entry }: { entry: AuditEntry }) {
  const name = auditSubject(entry);
  const kind = `${label(entry.entity)}${entry.entity_id !== null && entry.entity_id !== '' ? ` #${entry.entity_id}` : ''}`;
  if (!name) return <span>{kind}</span>;
  return (
    <span className="block min-w-0">
      <span className="block font-medium wrap-anywhere">{name}</span>
      <span className="block text-xs text-slate-600 dark:text-slate-400">{kind}</span>
    </span>
  );
}

function Who({ entry }: { entry: AuditEntry }) {
  return <>{entry.actor_email ?? (entry.actor_api_key_id ? `API key #${entry.actor_api_key_id}` : '—')}</>;
}

function ToggleChanges({ entry, open, onToggle }: { entry: AuditEntry; open: boolean; onToggle: () => void }) {
  const name = auditSubject(entry);
  return (
    <button type="button" aria-expanded={open} aria-label={`Show changes of entry ${entry.id}${name ? ` (${name})` : ''}`} onClick={onToggle} className="rounded p-1 hover:bg-slate-100 dark:hover:bg-slate-800">
      {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
    </button>
  );
}

// On a phone each entry is a card: when, who, the action and what it touched, with its changes to unfold.
function AuditCards({ entries, open, setOpen }: { entries: AuditEntry[]; open: number | null; setOpen: (id: number | null) => void }) {
  return (
    <ul className="space-y-3" aria-label="Audit log entries, newest first">
      {entries.map((e) => (
        <li key={e.id} data-testid="audit-row" className="rounded-2xl border border-slate-200 bg-white p-4 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <p className="text-xs font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">{label(e.action)}</p>
              <What entry={e} />
              <p className="mt-1 text-xs text-slate-600 wrap-anywhere dark:text-slate-400">
                {formatDateTime(e.created_at)} · <Who entry={e} />
              </p>
            </div>
            <ToggleChanges entry={e} open={open === e.id} onToggle={() => setOpen(open === e.id ? null : e.id)} />
          </div>
          {open === e.id && (
            <div className="mt-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/40">
              <Changes entry={e} />
              {e.request_id && <p className="mt-2 font-mono text-xs break-all text-slate-600 dark:text-slate-400">Request {e.request_id}</p>}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

const show = (v: unknown) => (v === undefined ? '' : v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

function Changes({ entry }: { entry: AuditEntry }) {
  const rows = changedFields(entry.before, entry.after);
  if (!rows.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No field changed.</p>;
  return (
    <table className="w-full text-xs">
      <thead>
        <tr className="text-left text-slate-600 dark:text-slate-400">
          <th scope="col" className="py-1 pr-3 font-medium">Field</th>
          <th scope="col" className="py-1 pr-3 font-medium">Before</th>
          <th scope="col" className="py-1 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className="align-top">
            <td className="py-1 pr-3 font-mono">{r.field}</td>
            <td className="py-1 pr-3 break-all text-rose-800 dark:text-rose-300">{show(r.from)}</td>
            <td className="py-1 break-all text-emerald-800 dark:text-emerald-300">{show(r.to)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const { canAdmin } = usePermissions();
  const entity = params.get('entity') ?? '';
  const action = params.get('action') ?? '';
  const since = params.get('since') ?? '';
  const until = params.get('until') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const limit = 25;
  const log = useAuditLog({ entity: entity || undefined, action: action || undefined, since: since ? new Date(since).toISOString() : undefined, until: until ? new Date(until).toISOString() : undefined, page, limit }, canAdmin);
  const [open, setOpen] = useState<number | null>(null);
  const wide = useMinWidth('md');
  const set = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });

  const header = <PageHeader title="Audit log" description="Every change in this project: who, what, when, before and after." />;
  if (!canAdmin)
    return (
      <>
        {header}
        <EmptyState icon={<Lock className="size-8" aria-hidden />} title="Only project admins can read the audit log">
          Ask an admin or owner of this project.
        </EmptyState>
      </>
    );
  return (
    <>
      {header}
      <div className="mb-4 grid grid-cols-2 gap-3 rounded-2xl border border-slate-200 bg-white p-4 sm:grid-cols-4 dark:border-slate-800 dark:bg-slate-900">
        <SelectField label="Entity" value={entity} onChange={(e) => set('entity', e.target.value)} placeholder="All" options={ENTITIES.map((e) => ({ value: e, label: label(e) }))} />
        <SelectField label="Action" value={action} onChange={(e) => set('action', e.target.value)} placeholder="All" options={ACTIONS.map((a) => ({ value: a, label: label(a) }))} />
        <InputField label="Since" type="datetime-local" value={since} onChange={(e) => set('since', e.target.value)} />
        <InputField label="Until" type="datetime-local" value={until} onChange={(e) => set('until', e.target.value)} />
      </div>
      {log.isLoading ? (
        <Spinner />
      ) : log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : !log.data?.items.length ? (
        <EmptyState icon={<ScrollText className="size-8" aria-hidden />} title="No entries">Nothing matches these filters.</EmptyState>
      ) : !wide ? (
        <AuditCards entries={log.data.items} open={open} setOpen={setOpen} />
      ) : (
        <div className="relative overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
            <caption className="sr-only">Audit log entries, newest first</caption>
            <thead className="bg-slate-50 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="w-8 px-2 py-3"><span className="sr-only">Changes</span></th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">When</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Who</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">Action</th>
                <th scope="col" className="px-4 py-3 text-left font-semibold">What</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {log.data.items.map((e) => (
                <Fragment key={e.id}>
                  <tr data-testid="audit-row">
                    <td className="px-2 py-2">
                      <ToggleChanges entry={e} open={open === e.id} onToggle={() => setOpen(open === e.id ? null : e.id)} />
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(e.created_at)}</td>
                    <td className="px-4 py-2"><Who entry={e} /></td>
                    <td className="px-4 py-2">{label(e.action)}</td>
                    <td className="min-w-48 px-4 py-2"><What entry={e} /></td>
                  </tr>
                  {open === e.id && (
                    <tr>
                      <td />
                      <td colSpan={4} className="bg-slate-50 px-4 py-3 dark:bg-slate-800/40">
                        <Changes entry={e} />
                        {e.request_id && <p className="mt-2 font-mono text-xs text-slate-600 dark:text-slate-400">Request {e.request_id}</p>}
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.data && <Pagination page={page} pageSize={limit} total={log.data.total} onPage={(p) => set('page', String(p))} />}
    </>
  );
}
