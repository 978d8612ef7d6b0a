import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useSetup, useSetupState } from '@/api/auth';
import { fieldErrorMap, describeError, isApiError } from '@/api/problem';
import { Button } from '@/components/ui/Button';
import { FormError, InputField } from '@/components/ui/Form';
import { Spinner } from '@/components/ui/Feedback';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['token', 'email', 'password', 'full_name', 'project_name'] as const;

export default function SetupPage() {
  const state = useSetupState();
  const setup = useSetup();
  const navigate = useNavigate();
  const [form, setForm] = useState({ token: '', email: '', password: '', confirm: '', full_name: '', project_name: '' });
  const [mismatch, setMismatch] = useState('');

  if (state.isLoading) return <Spinner />;
  if (state.data && !state.data.setup_required && !setup.isSuccess) return <Navigate to="/login" replace />;

  const errors = fieldErrorMap(setup.error, FIELDS);
  const general = setup.error && (errors._form || (isApiError(setup.error) && !setup.error.fieldErrors.length ? describeError(setup.error).detail : ''));
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.confirm) {
      setMismatch('The passwords do not match');
      return;
    }
    setMismatch('');
    const { confirm: _confirm, ...body } = form;
    setup.mutate({ ...body, full_name: body.full_name || undefined }, { onSuccess: () => navigate('/', { replace: true }) });
  }

  return (
    <AuthLayout
      title="Set up CommandCenter"
      subtitle={
        <>
          Create the first administrator and their first project. The setup token was printed by the server when it started (<code className="rounded bg-slate-100 px-1 dark:bg-slate-800">make run</code> shows it, and the log has it as <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">setup.required</code>).
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={general || undefined} />
        <InputField label="Setup token" name="token" required autoComplete="off" value={form.token} onChange={set('token')} error={errors.token} />
        <InputField label="Your name" name="full_name" autoComplete="name" value={form.full_name} onChange={set('full_name')} error={errors.full_name} />
        <InputField label="Email" name="email" type="email" required autoComplete="email" value={form.email} onChange={set('email')} error={errors.email} />
        <InputField label="Password" name="password" type="password" required autoComplete="new-password" hint="At least 8 characters" value={form.password} onChange={set('password')} error={errors.password} />
        <InputField label="Repeat password" name="confirm" type="password" required autoComplete="new-password" value={form.confirm} onChange={set('confirm')} error={mismatch || undefined} />
        <InputField label="First project" name="project_name" required placeholder="e.g. Audio platform" value={form.project_name} onChange={set('project_name')} error={errors.project_name} />
        <Button type="submit" variant="primary" className="w-full" busy={setup.isPending}>
          Create administrator
        </Button>
      </form>
    </AuthLayout>
  );
}
