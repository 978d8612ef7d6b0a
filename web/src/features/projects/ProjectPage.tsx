import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ArrowLeft, Copy, KeyRound, Trash2, UserPlus } from 'lucide-react';
import { hasRole, useAddMember, useChangeMemberRole, useDeleteProject, useMembers, useProjects, useProjectStats, useRemoveMember, useUpdateProject } from '@/api/projects';
import { useApiKeys, useCreateApiKey, useMe, useRevokeApiKey } from '@/api/auth';
import { describeError, fieldErrorMap } from '@/api/problem';
import type { ApiKey, Member, Project, Role } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { FormError, InputField, SelectField, TextareaField } from '@/components/ui/Form';
import { Badge, EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { Card, PageHeader } from '@/components/ui/Layout';
import { toast } from '@/components/toast';
import { formatDate, formatRelative, label } from '@/lib/format';

const ROLES: Role[] = ['viewer', 'member', 'admin', 'owner'];
const TABS = [
  { key: 'settings', label: 'Settings' },
  { key: 'members', label: 'Members' },
  { key: 'api-keys', label: 'API keys' },
] as const;

function SecretOnce({ title, secret, note }: { title: string; secret: string; note: string }) {
  return (
    <div role="status" className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/50">
      <p className="text-sm font-semibold text-emerald-900 dark:text-emerald-100">{title}</p>
      <p className="mt-1 text-sm text-emerald-900 dark:text-emerald-200">{note}</p>
      <div className="mt-2 flex items-center gap-2">
        <code className="block min-w-0 flex-1 overflow-x-auto rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="secret-value">
          {secret}
        </code>
        <Button
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => toast.success('Copied to the clipboard'));
          }}
          aria-label="Copy to the clipboard"
        >
          <Copy className="size-4" aria-hidden />
        </Button>
      </div>
    </div>
  );
}

function SettingsTab({ project }: { project: Project }) {
  const update = useUpdateProject();
  const remove = useDeleteProject();
  const stats = useProjectStats(project.id);
  const navigate = useNavigate();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description ?? '');
  const [confirming, setConfirming] = useState(false);
  const canAdmin = hasRole(project.role, 'admin');
  const errors = fieldErrorMap(update.error, ['name', 'description']);
  const general = update.error && !errors.name && !errors.description ? describeError(update.error).detail : errors._form;

  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ id: project.id, name, description: description || null }, { onSuccess: () => toast.success('Project saved', name) });
  }
  const s = stats.data;
  return (
    <div className="space-y-6">
      <Card title="Project">
        <form onSubmit={submit} className="max-w-xl space-y-4" noValidate>
          <FormError message={general} />
          <InputField label="Name" name="name" required disabled={!canAdmin} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
          <TextareaField label="Description" name="description" disabled={!canAdmin} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
          {canAdmin && (
            <Button type="submit" variant="primary" busy={update.isPending}>
              Save
            </Button>
          )}
        </form>
      </Card>
      {project.role === 'owner' && (
        <Card title="Danger zone" className="border-rose-200 dark:border-rose-900">
          <p className="text-sm text-slate-700 dark:text-slate-300">Deleting the project removes everything in it for every member.</p>
          <Button className="mt-3" variant="danger" onClick={() => setConfirming(true)}>
            <Trash2 className="size-4" aria-hidden /> Delete project
          </Button>
        </Card>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${project.name}?`}
        confirmLabel={`Delete ${project.name}`}
        busy={remove.isPending}
        onClose={() => setConfirming(false)}
        // Not mutate(…, { onSuccess }): the deletion removes the project from the cache, this page then
        // unmounts, and a per-call onSuccess would never run — leaving "Project not found" on screen.
        onConfirm={() =>
          remove.mutateAsync(project.id).then(
            () => {
              toast.success('Project deleted', project.name);
              navigate('/projects');
            },
            () => {}, // the query client's toast reports the failure
          )
        }
      >
        <p>
          This deletes <strong>{project.name}</strong> and everything in it:
        </p>
        <ul className="list-disc pl-5">
          <li>{s?.technology_count ?? 'all'} technologies and their history</li>
          <li>{s?.repository_count ?? 'all'} repositories and their links</li>
          <li>{s?.research_task_count ?? 'all'} research tasks and their uploaded documents</li>
          <li>{s?.knowledge_entry_count ?? 'all'} knowledge entries, its jobs and schedules</li>
          <li>the membership of {s?.member_count ?? 'all'} people</li>
        </ul>
        <p>This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}

function MembersTab({ project }: { project: Project }) {
  const members = useMembers(project.id);
  const add = useAddMember(project.id);
  const change = useChangeMemberRole(project.id);
  const remove = useRemoveMember(project.id);
  const me = useMe();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [invite, setInvite] = useState<{ email: string; link: string } | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const canAdmin = hasRole(project.role, 'admin');
  const isOwner = project.role === 'owner';
  const errors = fieldErrorMap(add.error, ['email', 'role']);
  const general = add.error && !errors.email && !errors.role ? describeError(add.error).detail : errors._form;
  const grantable = ROLES.filter((r) => isOwner || r !== 'owner');

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      { email, role },
      {
        onSuccess: (m) => {
          setEmail('');
          if (m.invite_token) setInvite({ email: m.email, link: `${window.location.origin}/accept-invite?token=${encodeURIComponent(m.invite_token)}` });
          else toast.success('Member added', m.email);
        },
      },
    );
  }

  return (
    <div className="space-y-6">
      {canAdmin && (
        <Card title="Add a member">
          <form onSubmit={submit} className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end" noValidate>
            <InputField label="Email" name="member-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
            <SelectField label="Role" name="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={grantable.map((r) => ({ value: r, label: label(r) }))} error={errors.role} />
            <Button type="submit" variant="primary" busy={add.isPending}>
              <UserPlus className="size-4" aria-hidden /> Add
            </Button>
          </form>
          <div className="mt-3 space-y-3">
            <FormError message={general} />
            {invite && <SecretOnce title={`Invitation for ${invite.email}`} secret={invite.link} note="Send this link to them; it is shown only now. They choose a password with it." />}
          </div>
        </Card>
      )}
      <Card title="Members" className="p-0">
        {members.isLoading ? (
          <Spinner />
        ) : members.error ? (
          <ErrorState error={members.error} />
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {members.data?.map((m) => {
              const self = m.user_id === me.data?.id;
              const editable = canAdmin && !self && (isOwner || m.role !== 'owner');
              return (
                <li key={m.user_id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3" data-testid="member-row">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900 dark:text-slate-100">
                      {m.full_name || m.email} {self && <span className="text-xs text-slate-600 dark:text-slate-400">(you)</span>}
                    </p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {m.email}
                      {m.invitation_pending && ' · invitation pending'}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    {editable ? (
                      <>
                        <label className="sr-only" htmlFor={`role-${m.user_id}`}>
                          Role of {m.email}
                        </label>
                        <select
                          id={`role-${m.user_id}`}
                          value={m.role}
                          onChange={(e) => change.mutate({ userId: m.user_id, role: e.target.value as Role })}
                          className="h-8 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900"
                        >
                          {grantable.map((r) => (
                            <option key={r} value={r}>
                              {label(r)}
                            </option>
                          ))}
                        </select>
                        <Button size="sm" variant="ghost" onClick={() => setRemoving(m)} aria-label={`Remove ${m.email}`}>
                          <Trash2 className="size-4" aria-hidden />
                        </Button>
                      </>
                    ) : (
                      <Badge className="bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200">{label(m.role)}</Badge>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <ConfirmDialog
        open={!!removing}
        title={`Remove ${removing?.email ?? ''}?`}
        confirmLabel="Remove member"
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          remove.mutate(removing!.user_id);
          setRemoving(null);
        }}
      >
        <p>
          <strong>{removing?.email}</strong> loses access to {project.name}. What they created stays.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function ApiKeysTab({ project }: { project: Project }) {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const errors = fieldErrorMap(create.error, ['name', 'role', 'expires_at']);
  const general = create.error && !errors.name && !errors.role ? describeError(create.error).detail : errors._form;
  const mine = (keys.data ?? []).filter((k) => k.project_id === project.id && !k.revoked_at);
  const roles = ROLES.filter((r) => hasRole(project.role, r));

  return (
    <div className="space-y-6">
      <Card title="Create an API key">
        <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
          For scripts and CI: send it as <code>Authorization: Bearer …</code>. A key acts only in {project.name}, with at most the role you give it.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, project_id: project.id, role }, { onSuccess: (k) => { setCreated(k); setName(''); } });
          }}
          className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
          noValidate
        >
          <InputField label="Name" name="key-name" required placeholder="e.g. CI pipeline" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
          <SelectField label="Role" name="key-role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={roles.map((r) => ({ value: r, label: label(r) }))} error={errors.role} />
          <Button type="submit" variant="primary" busy={create.isPending}>
            <KeyRound className="size-4" aria-hidden /> Create key
          </Button>
        </form>
        <div className="mt-3 space-y-3">
          <FormError message={general} />
          {created?.key && <SecretOnce title={`API key “${created.name}”`} secret={created.key} note="Copy it now: it is shown only once and cannot be recovered." />}
        </div>
      </Card>
      <Card title="Your keys for this project" className="p-0">
        {keys.isLoading ? (
          <Spinner />
        ) : !mine.length ? (
          <p className="px-5 pb-5 text-sm text-slate-600 dark:text-slate-400">You have no API key for this project.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {mine.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                <div>
                  <p className="font-medium">{k.name}</p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    <code>cc_{k.prefix}_…</code> · {label(k.role)} · created {formatDate(k.created_at)} · {k.last_used_at ? `used ${formatRelative(k.last_used_at)}` : 'never used'}
                  </p>
                </div>
                <Button size="sm" variant="danger" onClick={() => setRevoking(k)}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <ConfirmDialog
        open={!!revoking}
        title={`Revoke ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke key"
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          revoke.mutate(revoking!.id);
          setRevoking(null);
        }}
      >
        <p>Anything using this key stops working at once.</p>
      </ConfirmDialog>
    </div>
  );
}

export default function ProjectPage() {
  const id = Number(useParams().id);
  const projects = useProjects();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab = TABS.some((t) => t.key === requested) ? requested! : 'settings';
  const select = (key: string) => setParams({ tab: key }, { replace: true });
  // WAI-ARIA tabs with automatic activation: one tab stop; the arrows (wrapping), Home and End move to a tab
  // and show its panel. The move starts from the tab that has focus, not from the selected one: keys pressed
  // faster than the URL (and so `tab`) updates would otherwise all start from the same, stale tab.
  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    const focused = TABS.findIndex((t) => `tab-${t.key}` === (e.target as HTMLElement).id);
    const at = focused >= 0 ? focused : TABS.findIndex((t) => t.key === tab);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length];
    select(next.key);
    document.getElementById(`tab-${next.key}`)?.focus();
  }
  if (projects.isLoading) return <Spinner />;
  if (projects.error) return <ErrorState error={projects.error} />;
  const project = projects.data?.find((p) => p.id === id);
  if (!project) return <EmptyState title="Project not found">It does not exist, or you are not a member.</EmptyState>;
  return (
    <>
      <Link to="/projects" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
        <ArrowLeft className="size-4" aria-hidden /> Projects
      </Link>
      <PageHeader title={project.name} description={`Your role: ${label(project.role)}`} />
      <div role="tablist" aria-label="Project sections" onKeyDown={onTabKey} className="mb-6 flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {TABS.map((t) => (
          <button
            key={t.key}
            role="tab"
            type="button"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            onClick={() => select(t.key)}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab === t.key ? 'border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'members' ? <MembersTab project={project} /> : tab === 'api-keys' ? <ApiKeysTab project={project} /> : <SettingsTab project={project} />}
      </div>
    </>
  );
}
