import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useSetupState } from '@/api/auth';
import { describeError, fieldErrorMap } from '@/api/problem';
import { useSession } from '@/auth/useSession';
import { Button } from '@/components/ui/Button';
import { FormError, InputField } from '@/components/ui/Form';
import { AuthLayout } from './AuthLayout';

// Only paths inside the app, never another site.
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const login = useLogin();
  const setup = useSetupState();
  const { status } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (setup.data?.setup_required) return <Navigate to="/setup" replace />;
  if (status === 'signed-in' && !login.isPending) return <Navigate to={next} replace />;

  const errors = fieldErrorMap(login.error, ['email', 'password']);
  const general = login.error && !errors.email && !errors.password ? describeError(login.error).detail : errors._form;

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(next, { replace: true }) });
  }

  return (
    <AuthLayout title="Sign in" subtitle="Welcome back. Sign in to your radar.">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={general} />
        <InputField label="Email" name="email" type="email" required autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <InputField label="Password" name="password" type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
        <Button type="submit" variant="primary" className="w-full" busy={login.isPending}>
          Sign in
        </Button>
        <p className="text-center text-xs text-slate-600 dark:text-slate-400">New here? A project admin adds you by email and sends you an invitation link.</p>
      </form>
    </AuthLayout>
  );
}
