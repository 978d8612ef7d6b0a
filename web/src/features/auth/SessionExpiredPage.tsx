import { Link, Navigate, useSearchParams } from 'react-router';
import { Clock } from 'lucide-react';
import { useSession } from '@/auth/useSession';
import { AuthLayout } from './AuthLayout';
import { safeNext } from './LoginPage';

export default function SessionExpiredPage() {
  const [params] = useSearchParams();
  const { status } = useSession();
  const next = safeNext(params.get('next'));
  if (status === 'signed-in') return <Navigate to={next} replace />;
  return (
    <AuthLayout title="Your session has ended">
      <div className="flex gap-3 rounded-xl bg-amber-50 p-4 text-sm text-amber-950 dark:bg-amber-950/50 dark:text-amber-100">
        <Clock className="size-5 shrink-0" aria-hidden />
        <p>For your security you were signed out: the session expired, was ended from another tab, or was revoked. Nothing you saved is lost.</p>
      </div>
      <Link
        to={`/login?next=${encodeURIComponent(next)}`}
        className="mt-6 flex h-10 w-full items-center justify-center rounded-lg bg-indigo-600 text-sm font-medium text-white hover:bg-indigo-700"
      >
        Sign in again
      </Link>
    </AuthLayout>
  );
}
