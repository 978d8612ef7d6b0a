import { useState, type FormEvent } from 'react';
import { useSaveTask, type TaskInput } from '@/api/research';
import { useTechnologyChoices } from '@/api/technologies';
import { useRepositoryChoices } from '@/api/repositories';
import { describeError, fieldErrorMap } from '@/api/problem';
import { TASK_STATUSES, type ResearchTask } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { FormError, InputField, SelectField, TextareaField } from '@/components/ui/Form';
import { toast } from '@/components/toast';
import { label } from '@/lib/format';

const FIELDS = ['title', 'description', 'status', 'technology_id', 'repository_id', 'assigned_to', 'due_date', 'estimated_hours', 'actual_hours', 'progress_percentage', 'user_notes', 'findings'];

export function TaskFormDialog({ task, etag, onClose, defaults }: { task?: ResearchTask; etag?: string | null; onClose: () => void; defaults?: Partial<ResearchTask> }) {
  const save = useSaveTask();
  const techs = useTechnologyChoices(); // every technology of the project, by title
  const repos = useRepositoryChoices(); // every repository of the project, by full name
  const initial = { ...defaults, ...task };
  const [v, setV] = useState<Record<string, string>>({
    title: initial.title ?? '',
    description: initial.description ?? '',
    status: initial.status ?? 'pending',
    technology_id: initial.technology_id ? String(initial.technology_id) : '',
    repository_id: initial.repository_id ? String(initial.repository_id) : '',
    assigned_to: initial.assigned_to ?? '',
    due_date: initial.due_date ? initial.due_date.slice(0, 10) : '',
    estimated_hours: initial.estimated_hours?.toString() ?? '',
    actual_hours: initial.actual_hours?.toString() ?? '',
    progress_percentage: String(initial.progress_percentage ?? 0),
    user_notes: initial.user_notes ?? '',
    findings: initial.findings ?? '',
  });
  const errors = fieldErrorMap(save.error, FIELDS);
  const general = errors._form || (save.error && !Object.keys(errors).length ? describeError(save.error).detail : '');
  const set = (k: string) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const num = (s: string) => (s === '' ? null : Number(s));
    const input: TaskInput = {
      title: v.title,
      description: v.description || null,
      status: v.status as ResearchTask['status'],
      technology_id: num(v.technology_id),
      repository_id: num(v.repository_id),
      assigned_to: v.assigned_to || null,
      due_date: v.due_date ? new Date(`${v.due_date}T23:59:59Z`).toISOString() : null,
      estimated_hours: num(v.estimated_hours),
      actual_hours: num(v.actual_hours),
      progress_percentage: Number(v.progress_percentage || 0),
      user_notes: v.user_notes || null,
      findings: v.findings || null,
    };
    if (!task) for (const k of Object.keys(input) as (keyof TaskInput)[]) if (input[k] === null) delete input[k];
    save.mutate({ id: task?.id, input, etag }, { onSuccess: (t) => { toast.success(task ? 'Task saved' : 'Task created', t.title); onClose(); } });
  }

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={task ? `Edit ${task.title}` : 'New research task'}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="task-form" variant="primary" busy={save.isPending}>
            {task ? 'Save' : 'Create task'}
          </Button>
        </>
      }
    >
      <form id="task-form" onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2"><FormError message={general || undefined} /></div>
        <InputField className="sm:col-span-2" label="Title" name="title" required value={v.title} onChange={set('title')} error={errors.title} />
        <TextareaField className="sm:col-span-2" label="Description" name="description" value={v.description} onChange={set('description')} error={errors.description} />
        <SelectField label="Status" name="status" value={v.status} onChange={set('status')} options={TASK_STATUSES.map((s) => ({ value: s, label: label(s) }))} error={errors.status} />
        <InputField label="Progress (%)" name="progress_percentage" type="number" min={0} max={100} value={v.progress_percentage} onChange={set('progress_percentage')} error={errors.progress_percentage} />
        <SelectField label="Technology" name="technology_id" value={v.technology_id} onChange={set('technology_id')} placeholder="None" options={techs.items.map((t) => ({ value: String(t.id), label: t.title }))} error={errors.technology_id} />
        <SelectField label="Repository" name="repository_id" value={v.repository_id} onChange={set('repository_id')} placeholder="None" options={repos.items.map((r) => ({ value: String(r.id), label: r.full_name }))} error={errors.repository_id} />
        <InputField label="Assigned to" name="assigned_to" value={v.assigned_to} onChange={set('assigned_to')} error={errors.assigned_to} />
        <InputField label="Due date" name="due_date" type="date" value={v.due_date} onChange={set('due_date')} error={errors.due_date} />
        <InputField label="Estimated hours" name="estimated_hours" type="number" min={0} value={v.estimated_hours} onChange={set('estimated_hours')} error={errors.estimated_hours} />
        <InputField label="Actual hours" name="actual_hours" type="number" min={0} value={v.actual_hours} onChange={set('actual_hours')} error={errors.actual_hours} />
        <TextareaField className="sm:col-span-2" label="Notes" name="user_notes" value={v.user_notes} onChange={set('user_notes')} error={errors.user_notes} />
        <TextareaField className="sm:col-span-2" label="Findings" name="findings" value={v.findings} onChange={set('findings')} error={errors.findings} />
      </form>
    </Dialog>
  );
}
