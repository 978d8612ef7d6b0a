import { useState } from 'react';
import type { Technology } from '@/api/types';
import { useDeleteTechnology } from '@/api/technologies';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { toast } from '@/components/toast';
import { TechnologyFormDialog } from './TechnologyForm';

// The create/edit form and the delete confirmation, shared by the radar's three views and the detail page.
export function useTechnologyActions(options: { onDeleted?: () => void } = {}) {
  const [editing, setEditing] = useState<Technology | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Technology | null>(null);
  const remove = useDeleteTechnology();

  const dialogs = (
    <>
      {creating && <TechnologyFormDialog open onClose={() => setCreating(false)} />}
      {editing && <TechnologyFormDialog key={editing.id} open technology={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!deleting}
        title={`Delete ${deleting?.title ?? ''}?`}
        confirmLabel="Delete technology"
        busy={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          const t = deleting!;
          setDeleting(null);
          remove.mutate(t.id, {
            onSuccess: () => {
              toast.success('Technology deleted', t.title);
              options.onDeleted?.();
            },
          });
        }}
      >
        <p>
          <strong>{deleting?.title}</strong> will be removed from the radar together with its history and its links to repositories. Research tasks about it stay, without the link.
        </p>
        <p>This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
  return { dialogs, create: () => setCreating(true), edit: setEditing, remove: setDeleting };
}
