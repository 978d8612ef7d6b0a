import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ArrowLeft, FileUp, Lock } from 'lucide-react';
import { useCreateJob, useImportUpload, type MergeStrategy } from '@/api/jobs';
import { describeError, fieldErrorMap, isApiError } from '@/api/problem';
import { usePermissions } from '@/api/projects';
import { Button } from '@/components/ui/Button';
import { Card, CodeBlock, PageHeader } from '@/components/ui/Layout';
import { EmptyState } from '@/components/ui/Feedback';
import { FormError } from '@/components/ui/Form';
import { toast } from '@/components/toast';
import { parseTechnologyRows, readFileText } from '@/lib/technologyRows';

const STRATEGIES: { value: MergeStrategy; title: string; text: string }[] = [
  { value: 'skip', title: 'Skip existing', text: 'A technology whose title already exists is left as it is.' },
  { value: 'merge', title: 'Merge', text: 'The fields the file gives replace the existing ones and its tags are added; the rest stay.' },
  { value: 'overwrite', title: 'Overwrite', text: 'The technology becomes exactly the row: fields the file leaves out return to their defaults.' },
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
  const [queueOnly, setQueueOnly] = useState(false);
  const [fileError, setFileError] = useState('');
  const [reading, setReading] = useState(false);
  const upload = useImportUpload();
  const create = useCreateJob();
  const navigate = useNavigate();
  const failed = queueOnly ? create.error : upload.error;
  const errors = fieldErrorMap(failed, ['file', 'merge_strategy', 'dry_run', 'project_id', 'parameters']);
  const tooLarge = isApiError(failed) && failed.status === 413;
  // What the API says about the rows (parameters.technologies, …) or the file belongs at the file field.
  const fileText = fileError || (tooLarge ? 'This file is too large to send as one request. Start the import directly instead: uploads may be larger.' : '') || errors.file || errors.parameters || '';
  const fileMessage = fileText.charAt(0).toUpperCase() + fileText.slice(1);
  const rest = Object.entries(errors).filter(([k]) => k !== 'file' && k !== 'parameters').map(([, v]) => v);
  const general = failed && !fileMessage ? rest.join('; ') || describeError(failed).detail : rest.join('; ');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setFileError('Choose a CSV or JSON file to import');
      return;
    }
    if (!queueOnly) {
      upload.mutate({ file, merge_strategy: strategy, dry_run: dryRun }, { onSuccess: (accepted) => navigate(`/jobs/${accepted.job_id}`) });
      return;
    }
    // Queued without starting: the job is created through POST /api/v1/jobs with the rows as its parameters, so the
    // file is read here, by the rules the server applies to uploads.
    setReading(true);
    let parsed;
    try {
      parsed = parseTechnologyRows(await readFileText(file), file.name);
    } catch {
      setFileError('The file could not be read. Choose it again.');
      return;
    } finally {
      setReading(false);
    }
    if (!parsed.ok) {
      setFileError(parsed.error);
      return;
    }
    create.mutate(
      { job_type: 'batch_import', parameters: { technologies: parsed.rows, merge_strategy: strategy, dry_run: dryRun }, dispatch: false },
      {
        onSuccess: (job) => {
          toast.success('Import queued', `${parsed.rows.length.toLocaleString()} ${parsed.rows.length === 1 ? 'row' : 'rows'}: dispatch it from its page when you are ready`);
          navigate(`/jobs/${job.id}`);
        },
      },
    );
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
                className={`flex cursor-pointer flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-8 text-center hover:border-indigo-400 has-[:focus-visible]:outline-2 ${fileMessage ? 'border-rose-500 dark:border-rose-400' : 'border-slate-300 dark:border-slate-600'}`}
              >
                <FileUp className="size-8 text-slate-500" aria-hidden />
                <span className="text-sm font-medium text-slate-800 dark:text-slate-200">{file ? file.name : 'Choose a file'}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">{file ? `${Math.ceil(file.size / 1024)} KiB` : 'CSV with a header row, or a JSON array of objects'}</span>
              </label>
              <input
                id="import-file"
                type="file"
                accept=".csv,.json,text/csv,application/json"
                className="sr-only"
                aria-invalid={fileMessage ? true : undefined}
                aria-describedby={fileMessage ? 'import-file-error' : undefined}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setFileError('');
                  upload.reset();
                  create.reset();
                }}
              />
              {fileMessage && (
                <p id="import-file-error" className="mt-1 text-sm text-rose-700 dark:text-rose-300" data-field-error>
                  {fileMessage}
                </p>
              )}
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
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} className="mt-0.5 size-4 rounded border-slate-300" />
              Dry run: report what would happen without changing anything
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={queueOnly} onChange={(e) => { setQueueOnly(e.target.checked); upload.reset(); create.reset(); }} className="mt-0.5 size-4 rounded border-slate-300" aria-describedby="queue-only-hint" />
              <span>
                Queue without starting
                <span id="queue-only-hint" className="block text-slate-600 dark:text-slate-400">
                  The job waits on its page until you dispatch it, at once or after a delay, or cancel it.
                </span>
              </span>
            </label>
            <Button type="submit" variant="primary" disabled={!file} busy={upload.isPending || create.isPending || reading}>
              {queueOnly ? 'Queue import' : 'Start import'}
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
