import { Link } from 'react-router';
import { Compass } from 'lucide-react';
import { EmptyState } from '@/components/ui/Feedback';
import { PageHeader } from '@/components/ui/Layout';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState icon={<Compass className="size-8" aria-hidden />} title="Nothing here" action={<Link className="font-medium text-indigo-700 underline dark:text-indigo-300" to="/">Go to the dashboard</Link>}>
        This address does not match any screen. It may belong to another project, or have been deleted.
      </EmptyState>
    </>
  );
}
