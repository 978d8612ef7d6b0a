import type { JobStatus } from '@/api/types';
import { Badge } from '@/components/ui/Feedback';
import { label } from '@/lib/format';
import { JOB_BADGE } from '@/lib/palette';

export function JobBadge({ status, testId }: { status: JobStatus; testId?: string }) {
  return (
    <Badge className={JOB_BADGE[status] ?? JOB_BADGE.pending} testId={testId}>
      {label(status)}
    </Badge>
  );
}
