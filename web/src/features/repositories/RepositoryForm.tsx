import { useState, type FormEvent } from 'react';
import { useSaveRepository } from '@/api/repositories';
import { describeError, fieldErrorMap } from '@/api/problem';
import type { Repository } from '@/api/types';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { FormError, InputField, TextareaField } from '@/components/ui/Form';
import { toast } from '@/components/toast';

export function RepositoryFormDialog({ repository, etag, onClose }: { repository?: Repository; etag?: string | null; onClose: () => void }) {
  const save = useSaveRepository();
  const editing = !!repository;
  const [owner, setOwner] = useState(repository?.owner ?? '');
  const [name, setName] = useState(repository?.name ?? '');
  const [description, setDescription] = useState(repository?.description ?? '');
  const [token, setToken] = useState('');
  const [removeToken, setRemoveToken] = useState(false);
  const [isPrivate, setIsPrivate] = useState(repository?.is_private ?? false);
  const errors = fieldErrorMap(save.error, ['owner', 'name', 'description', 'access_token', 'is_private']);
  const general = errors._form || (save.error && !Object.keys(errors).length ? describeError(save.error).detail : '');

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = editing
      ? { description: description || null, is_private: isPrivate, ...(removeToken ? { access_token: null } : token ? { access_token: token } : {}) }
      : { owner, name, description: description || undefined, is_private: isPrivate, ...(token ? { access_token: token } : {}) };
    save.mutate(
      { id: repository?.id, input, etag },
      {
        onSuccess: (r) => {
          toast.success(editing ? 'Repository saved' : 'Repository added', r.full_name);
          onClose();
        },
      },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={editing ? `Edit ${repository.full_name}` : 'Add a GitHub repository'}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="repository-form" variant="primary" busy={save.isPending}>
            {editing ? 'Save' : 'Add repository'}
          </Button>
        </>
      }
    >
      <form id="repository-form" onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={general || undefined} />
        {!editing && (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <InputField label="Owner" name="owner" required placeholder="e.g. juce-framework" value={owner} onChange={(e) => setOwner(e.target.value)} error={errors.owner} />
            <InputField label="Name" name="name" required placeholder="e.g. JUCE" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
          </div>
        )}
        <TextareaField label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
        <InputField
          label={editing && repository.has_access_token ? 'Replace access token' : 'Access token'}
          name="access_token"
          type="password"
          autoComplete="off"
          placeholder="ghp_… or github_pat_…"
          hint="Needed for private repositories. Stored encrypted and never shown again."
          value={token}
          disabled={removeToken}
          onChange={(e) => setToken(e.target.value)}
          error={errors.access_token}
        />
        {editing && repository.has_access_token && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={removeToken} onChange={(e) => setRemoveToken(e.target.checked)} className="size-4" />
            Remove the stored token
          </label>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setIsPrivate(e.target.checked)} className="size-4" />
          Private repository
        </label>
      </form>
    </Dialog>
  );
}
