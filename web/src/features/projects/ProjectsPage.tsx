import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FolderKanban, Plus } from 'lucide-react';
import { useCreateProject, useProjects, useProjectStats } from '@/api/projects';
import { selectProject } from '@/api/projectScope';
import { describeError, fieldErrorMap } from '@/api/problem';
import type { Project } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { FormError, InputField, TextareaField } from '@/components/ui/Form';
import { Badge, EmptyState, ErrorState, Spinner } from '@/components/ui/Feedback';
import { PageHeader } from '@/components/ui/Layout';
import { toast } from '@/components/toast';
import { formatDate, label } from '@/lib/format';
import { useProjectId } from '@/api/useProjectId';

function ProjectCard({ project, current }: { project: Project; current: boolean }) {
  const stats = useProjectStats(project.id);
  return (
    <li className="flex flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid="project-card">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link to={`/projects/${project.id}`} className="text-lg font-semibold text-slate-900 hover:underline dark:text-white">
            {project.name}
          </Link>
          <p className="text-sm text-slate-600 dark:text-slate-400">Created {formatDate(project.created_at)}</p>
        </div>
        <Badge className="bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200">{label(project.role)}</Badge>
      </div>
      {project.description && <p className="mt-2 line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{project.description}</p>}
      <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
        {[
          ['Technologies', stats.data?.technology_count],
          ['Repositories', stats.data?.repository_count],
          ['Members', stats.data?.member_count],
        ].map(([name, value]) => (
          <div key={String(name)} className="rounded-lg bg-slate-50 py-2 dark:bg-slate-800/60">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{name}</dt>
            <dd className="font-semibold tabular-nums">{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex gap-2">
        {current ? (
          <span className="inline-flex h-8 items-center rounded-lg bg-emerald-50 px-3 text-sm font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">Current project</span>
        ) : (
          <Button size="sm" variant="primary" onClick={() => selectProject(project.id)}>
            Switch to it
          </Button>
        )}
        <Link to={`/projects/${project.id}`} className="inline-flex h-8 items-center rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600">
          Settings
        </Link>
      </div>
    </li>
  );
}

export function CreateProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const errors = fieldErrorMap(create.error, ['name', 'description']);
  const general = create.error && !errors.name && !errors.description ? describeError(create.error).detail : errors._form;
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { name, description: description || undefined },
      {
        onSuccess: (p) => {
          toast.success('Project created', p.name);
          selectProject(p.id);
          onClose();
        },
      },
    );
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New project"
      description="Projects are isolated: their radar, repositories, tasks and jobs are seen only by their members."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="project-form" variant="primary" busy={create.isPending}>
            Create project
          </Button>
        </>
      }
    >
      <form id="project-form" onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={general} />
        <InputField label="Name" name="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <TextareaField label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      </form>
    </Dialog>
  );
}

export default function ProjectsPage() {
  const projects = useProjects();
  const current = useProjectId();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Projects"
        description="Every project you belong to, with your role in it."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden /> New project
          </Button>
        }
      />
      {projects.isLoading ? (
        <Spinner />
      ) : projects.error ? (
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
      ) : !projects.data?.length ? (
        <EmptyState icon={<FolderKanban className="size-8" aria-hidden />} title="No projects yet" action={<Button variant="primary" onClick={() => setCreating(true)}>Create your first project</Button>}>
          A project holds one radar, its repositories, research and jobs, and the people who work on them.
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {projects.data.map((p) => (
            <ProjectCard key={p.id} project={p} current={p.id === current} />
          ))}
        </ul>
      )}
      {creating && <CreateProjectDialog open onClose={() => setCreating(false)} />}
    </>
  );
}
