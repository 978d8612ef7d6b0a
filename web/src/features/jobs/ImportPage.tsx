import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ArrowLeft, FileUp, Lock } from 'lucide-react';
import { useImportUpload, type MergeStrategy } from '@/api/jobs';
import { describeError, fieldErrorMap } from '@/api/problem';
import { usePermissions } from '@/api/projects';
import { Button } from '@/components/ui/Button';
import { Card, CodeBlock, PageHeader } from '@/components/ui/Layout';
import { EmptyState } from '@/components/ui/Feedback';
import { FormError } from '@/components/ui/Form';

const STRATEGIES: { value: MergeStrategy; title: string; text: string }[] = [
  { value: 'skip', title: 'Skip existing', text: 'A technology whose title already exists is left as it is.' },
  { value: 'merge', title: 'Merge', text: 'Fill in the fields that are empty on the existing technology.' },
  { value: 'overwrite', title: 'Overwrite', text: 'Replace the existing technology’s fields with the file’s.' },
];

const SAMPLE = 'title,domain,status,priority,relevance_score,tags\nJUCE,audio-dsp,integrated,5,90,"cpp,audio"\nONNX Runtime,ai-ml,evaluation,4,75,inference';

function BackToJobs() {
  return (
    <Link to="/jobs" className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
      <ArrowLeft className="size-4" aria-hidden /> Jobs
    </Link>
  );
}

const DESCRIPTION = 'Load many technologies at once from a CSV or JSON file. The import runs as a job; you can watch it and read what happened to every row.';

export default function ImportPage() {
  const { canEdit, role } = usePermissions();
  // A viewer who follows a link here is told why there is no form, instead of one the API would refuse.
  if (role && !canEdit)
    return (
      <>
        <BackToJobs />
        <PageHeader title="Import technologies" description={DESCRIPTION} />
        <EmptyState icon={<Lock className="size-8" aria-hidden />} title="Viewers cannot import" action={<Link to="/radar" className="font-medium text-indigo-700 underline dark:text-indigo-300">Open the radar</Link>}>
          You can read this project, but importing changes its radar. Ask an admin of the project to make you a member.
        </EmptyState>
      </>
    );
  return <ImportForm />;
}

function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [strategy, setStrategy] = useState<MergeStrategy>('skip');
  const [dryRun, setDryRun] = useState(false);
  const upload = useImportUpload();
  const navigate = useNavigate();
  const errors = fieldErrorMap(upload.error, ['file', 'merge_strategy', 'dry_run', 'project_id']);
  const general = upload.error ? Object.values(errors).join('; ') || describeError(upload.error).detail : '';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    upload.mutate({ file, merge_strategy: strategy, dry_run: dryRun }, { onSuccess: (accepted) => navigate(`/jobs/${accepted.job_id}`) });
  }

  return (
    <>
      <BackToJobs />
      <PageHeader title="Import technologies" description={DESCRIPTION} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <form onSubmit={submit} className="space-y-6" noValidate>
            <FormError message={general || undefined} />
            <div>
              <label htmlFor="import-file" className="mb-1 block text-sm font-medium">
                File (.csv or .json)
              </label>
              <label
                htmlFor="import-file"
                className="flex cursor-pointer flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed border-slate-300 px-6 py-8 text-center hover:border-indigo-400 dark:border-slate-600"
              >
                <FileUp className="size-8 text-slate-500" aria-hidden />
                <span className="text-sm font-medium text-slate-800 dark:text-slate-200">{file ? file.name : 'Choose a file'}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">{file ? `${Math.ceil(file.size / 1024)} KiB` : 'CSV with a header row, or a JSON array of objects'}</span>
              </label>
              <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" className="sr-only" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
            <fieldset>
              <legend className="mb-2 text-sm font-medium">When a title already exists</legend>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
                {STRATEGIES.map((s) => (
                  <label key={s.value} className={`cursor-pointer rounded-xl border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${strategy === s.value ? 'border-indigo-600 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950' : 'border-slate-300 dark:border-slate-600'}`}>
                    <input type="radio" name="strategy" value={s.value} checked={strategy === s.value} onChange={() => setStrategy(s.value)} className="sr-only" />
                    <span className="block font-semibold">{s.title}</span>
                    <span className="text-slate-600 dark:text-slate-400">{s.text}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} className="size-4 rounded border-slate-300" />
              Dry run: report what would happen without changing anything
            </label>
            <Button type="submit" variant="primary" disabled={!file} busy={upload.isPending}>
              Start import
            </Button>
          </form>
        </Card>
        <Card title="File format">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Columns are technology fields: <code>title</code> and <code>domain</code> are needed, the rest (<code>status</code>, <code>priority</code>, <code>relevance_score</code>, <code>tags</code>, <code>vendor</code>, <code>description</code>, …) are optional.
          </p>
          <CodeBlock label="Sample CSV file" className="mt-3">
            {SAMPLE}
          </CodeBlock>
        </Card>
      </div>
    </>
  );
}
