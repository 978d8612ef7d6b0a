import { useEffect, useId, useState, type FormEvent } from 'react';
import { useCreateKnowledgeEntry, useKnowledgeCategories, useKnowledgeEntry, useUpdateKnowledgeEntry, type KnowledgeInput } from '@/api/knowledge';
import { useTechnologyChoices } from '@/api/technologies';
import { ApiError, describeError, fieldErrorMap } from '@/api/problem';
import type { KnowledgeEntry } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { FormError, InputField, SelectField, TextareaField } from '@/components/ui/Form';
import { toast } from '@/components/toast';

const FIELDS = ['title', 'content', 'category', 'technology_id', 'source_file', 'source_url', 'source_type', 'page_number', 'confidence_score', 'relevance_score', 'metadata_'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(entry?: Partial<KnowledgeEntry>): Values {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    title: text(entry?.title),
    content: text(entry?.content),
    category: text(entry?.category),
    technology_id: text(entry?.technology_id),
    source_file: text(entry?.source_file),
    source_url: text(entry?.source_url),
    source_type: text(entry?.source_type),
    page_number: text(entry?.page_number),
    confidence_score: text(entry?.confidence_score),
    relevance_score: text(entry?.relevance_score),
    metadata_: entry?.metadata_ ? JSON.stringify(entry.metadata_, null, 2) : '',
  };
}

// The form's text as the API's fields: empty optional fields are null. Metadata must be a JSON object; what
// else goes wrong is the API's to say, under the field it names.
export function toKnowledgeInput(v: Values): { input: KnowledgeInput; metadataError?: string } {
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  const str = (s: string) => (s.trim() === '' ? null : s);
  let metadata: Record<string, unknown> | null = null;
  if (v.metadata_.trim()) {
    try {
      const parsed: unknown = JSON.parse(v.metadata_);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      metadata = parsed as Record<string, unknown>;
    } catch {
      return { input: {}, metadataError: 'Must be a JSON object, e.g. {"chapter": "3"}' };
    }
  }
  return {
    input: {
      title: v.title,
      content: v.content,
      category: v.category,
      technology_id: num(v.technology_id),
      source_file: str(v.source_file),
      source_url: str(v.source_url),
      source_type: str(v.source_type),
      page_number: num(v.page_number),
      confidence_score: num(v.confidence_score),
      relevance_score: num(v.relevance_score),
      metadata_: metadata,
    },
  };
}

// Creating sends what is filled in; editing sends only what changed.
export function changedFields(input: KnowledgeInput, entry?: KnowledgeEntry): KnowledgeInput {
  const out: KnowledgeInput = {};
  for (const [key, value] of Object.entries(input) as [keyof KnowledgeInput, unknown][]) {
    if (!entry) {
      if (value !== null) Object.assign(out, { [key]: value });
    } else if (JSON.stringify(value ?? null) !== JSON.stringify(entry[key] ?? null)) {
      Object.assign(out, { [key]: value });
    }
  }
  return out;
}

export function KnowledgeFormDialog({ entry, etag, defaults, onClose, onSaved }: { entry?: KnowledgeEntry; etag?: string | null; defaults?: Partial<KnowledgeEntry>; onClose: () => void; onSaved?: (entry: KnowledgeEntry) => void }) {
  const create = useCreateKnowledgeEntry();
  const update = useUpdateKnowledgeEntry();
  const save = entry ? update : create;
  // The version being edited is the one the form opened with: a change someone else saves meanwhile must make
  // this save fail with 412, not be overwritten. Opened from the list, the ETag comes from the entry itself.
  const [pinnedEtag, setPinnedEtag] = useState<string | null | undefined>(etag);
  const detail = useKnowledgeEntry(entry && etag === undefined ? entry.id : 0);
  const loadedEtag = detail.data?.etag;
  useEffect(() => {
    if (loadedEtag !== undefined) setPinnedEtag((pinned) => (pinned === undefined ? loadedEtag : pinned));
  }, [loadedEtag]);
  const techs = useTechnologyChoices(); // every technology of the project, by title
  const categories = useKnowledgeCategories();
  const listId = useId();
  const [v, setV] = useState<Values>(() => valuesOf({ ...defaults, ...entry }));
  const [metadataError, setMetadataError] = useState('');
  const errors = fieldErrorMap(save.error, FIELDS);
  const stale = save.error instanceof ApiError && save.error.status === 412;
  const general =
    (stale ? 'Someone else changed this entry while you were editing. Close the form and open it again to see their changes.' : '') ||
    errors._form ||
    (save.error && !Object.keys(errors).length ? describeError(save.error).detail : '');
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const { input, metadataError: bad } = toKnowledgeInput(v);
    setMetadataError(bad ?? '');
    if (bad) return;
    const body = changedFields(input, entry);
    const done = (saved: KnowledgeEntry) => {
      toast.success(entry ? 'Entry saved' : 'Entry added', saved.title);
      onSaved?.(saved);
      onClose();
    };
    if (entry) {
      if (!Object.keys(body).length) return onClose();
      update.mutate({ id: entry.id, changes: body, etag: pinnedEtag }, { onSuccess: (r) => done(r.entry) });
    } else {
      create.mutate(body, { onSuccess: done });
    }
  }

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={entry ? `Edit ${entry.title}` : 'New knowledge entry'}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="knowledge-form" variant="primary" busy={save.isPending}>
            {entry ? 'Save' : 'Add entry'}
          </Button>
        </>
      }
    >
      <form id="knowledge-form" onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2"><FormError message={general || undefined} /></div>
        <InputField className="sm:col-span-2" label="Title" name="title" required maxLength={512} value={v.title} onChange={set('title')} error={errors.title} />
        <InputField label="Category" name="category" required maxLength={100} list={listId} placeholder="e.g. architecture" value={v.category} onChange={set('category')} error={errors.category} hint="Pick one in use or type a new one." />
        <datalist id={listId}>
          {(categories.data ?? []).map((c) => <option key={c} value={c} />)}
        </datalist>
        <SelectField label="Technology" name="technology_id" value={v.technology_id} onChange={set('technology_id')} placeholder="None" options={techs.items.map((t) => ({ value: String(t.id), label: t.title }))} error={errors.technology_id} />
        <TextareaField className="sm:col-span-2" label="Content" name="content" required rows={8} value={v.content} onChange={set('content')} error={errors.content} hint="Plain text; line breaks are kept." />
        <InputField label="Source type" name="source_type" placeholder="e.g. paper, manual, talk" value={v.source_type} onChange={set('source_type')} error={errors.source_type} />
        <InputField label="Source file" name="source_file" placeholder="e.g. dsp-notes.pdf" value={v.source_file} onChange={set('source_file')} error={errors.source_file} />
        <InputField className="sm:col-span-2" label="Source URL" name="source_url" type="url" placeholder="https://…" value={v.source_url} onChange={set('source_url')} error={errors.source_url} />
        <InputField label="Page" name="page_number" type="number" min={0} value={v.page_number} onChange={set('page_number')} error={errors.page_number} />
        <div className="hidden sm:block" />
        <InputField label="Confidence (0–1)" name="confidence_score" type="number" min={0} max={1} step={0.01} value={v.confidence_score} onChange={set('confidence_score')} error={errors.confidence_score} />
        <InputField label="Relevance (0–1)" name="relevance_score" type="number" min={0} max={1} step={0.01} value={v.relevance_score} onChange={set('relevance_score')} error={errors.relevance_score} />
        <TextareaField className="sm:col-span-2" label="Metadata (JSON)" name="metadata_" rows={3} placeholder='{"chapter": "3"}' value={v.metadata_} onChange={set('metadata_')} error={metadataError || errors.metadata_} />
      </form>
    </Dialog>
  );
}
