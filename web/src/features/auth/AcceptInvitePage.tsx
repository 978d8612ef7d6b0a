import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAcceptInvite } from '@/api/auth';
import { describeError, fieldErrorMap } from '@/api/problem';
import { Button } from '@/components/ui/Button';
import { FormError, InputField } from '@/components/ui/Form';
import { AuthLayout } from './AuthLayout';

export default function AcceptInvitePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const accept = useAcceptInvite();
  const [form, setForm] = useState({ token: params.get('token') ?? '', full_name: '', password: '' });
  const errors = fieldErrorMap(accept.error, ['token', 'password', 'full_name']);
  const general = accept.error && !Object.keys(errors).length ? describeError(accept.error).detail : errors._form;

  function submit(e: FormEvent) {
    e.preventDefault();
    accept.mutate({ token: form.token, password: form.password, full_name: form.full_name || undefined }, { onSuccess: () => navigate('/', { replace: true }) });
  }

  return (
    <AuthLayout title="Join CommandCenter" subtitle="You were invited to a project. Choose a password to finish your account.">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={general} />
        {!params.get('token') && (
          <InputField label="Invitation token" name="token" required value={form.token} onChange={(e) => setForm({ ...form, token: e.target.value })} error={errors.token} />
        )}
        <InputField label="Your name" name="full_name" autoComplete="name" value={form.full_name} onChange={(e) => setForm({ ...form, full_name: e.target.value })} error={errors.full_name} />
        <InputField label="Password" name="password" type="password" required autoComplete="new-password" hint="At least 8 characters" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} error={errors.password} />
        <Button type="submit" variant="primary" className="w-full" busy={accept.isPending}>
          Create my account
        </Button>
      </form>
    </AuthLayout>
  );
}
