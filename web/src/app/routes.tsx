import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { useSetupState } from '@/api/auth';
import { useSession } from '@/auth/useSession';
import { AppShell } from '@/layout/AppShell';
import { ErrorState, Spinner } from '@/components/ui/Feedback';
import { ErrorBoundary } from './ErrorBoundary';
import { NotFoundPage } from './NotFoundPage';

// Each screen is its own chunk: the sign-in page does not download the charts.
function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return function LazyPage() {
    const location = useLocation();
    return (
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Spinner />}>
          <Page />
        </Suspense>
      </ErrorBoundary>
    );
  };
}

const SetupPage = page(() => import('@/features/auth/SetupPage'));
const LoginPage = page(() => import('@/features/auth/LoginPage'));
const AcceptInvitePage = page(() => import('@/features/auth/AcceptInvitePage'));
const SessionExpiredPage = page(() => import('@/features/auth/SessionExpiredPage'));
const DashboardPage = page(() => import('@/features/dashboard/DashboardPage'));
const RadarPage = page(() => import('@/features/radar/RadarPage'));
const TechnologyPage = page(() => import('@/features/radar/TechnologyPage'));
const RepositoriesPage = page(() => import('@/features/repositories/RepositoriesPage'));
const RepositoryPage = page(() => import('@/features/repositories/RepositoryPage'));
const ResearchTasksPage = page(() => import('@/features/research/ResearchTasksPage'));
const ResearchTaskPage = page(() => import('@/features/research/ResearchTaskPage'));
const KnowledgePage = page(() => import('@/features/knowledge/KnowledgePage'));
const KnowledgeEntryPage = page(() => import('@/features/knowledge/KnowledgeEntryPage'));
const JobsPage = page(() => import('@/features/jobs/JobsPage'));
const JobPage = page(() => import('@/features/jobs/JobPage'));
const ImportPage = page(() => import('@/features/jobs/ImportPage'));
const SchedulesPage = page(() => import('@/features/schedules/SchedulesPage'));
const AuditPage = page(() => import('@/features/audit/AuditPage'));
const ProjectsPage = page(() => import('@/features/projects/ProjectsPage'));
const ProjectPage = page(() => import('@/features/projects/ProjectPage'));

function FullPage({ children }: { children: React.ReactNode }) {
  return <div className="flex min-h-screen items-center justify-center p-4">{children}</div>;
}

// Signed-in screens: first-run setup comes first, then the session.
function RequireAuth() {
  const setup = useSetupState();
  const { status } = useSession();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  if (setup.isLoading) return <FullPage><Spinner /></FullPage>;
  if (setup.error) return <FullPage><ErrorState error={setup.error} onRetry={() => void setup.refetch()} /></FullPage>;
  if (setup.data?.setup_required) return <Navigate to="/setup" replace />;
  if (status === 'expired') return <Navigate to={`/session-expired?next=${next}`} replace />;
  if (status !== 'signed-in') return <Navigate to={`/login${location.pathname === '/' ? '' : `?next=${next}`}`} replace />;
  return <Outlet />;
}

export const router = createBrowserRouter([
  { path: '/setup', element: <SetupPage /> },
  { path: '/login', element: <LoginPage /> },
  { path: '/accept-invite', element: <AcceptInvitePage /> },
  { path: '/session-expired', element: <SessionExpiredPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'radar', element: <RadarPage /> },
          { path: 'technologies', element: <Navigate to="/radar?view=table" replace /> },
          { path: 'technologies/:id', element: <TechnologyPage /> },
          { path: 'repositories', element: <RepositoriesPage /> },
          { path: 'repositories/:id', element: <RepositoryPage /> },
          { path: 'research', element: <ResearchTasksPage /> },
          { path: 'research/:id', element: <ResearchTaskPage /> },
          { path: 'knowledge', element: <KnowledgePage /> },
          { path: 'knowledge/:id', element: <KnowledgeEntryPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'jobs/import', element: <ImportPage /> },
          { path: 'jobs/:id', element: <JobPage /> },
          { path: 'schedules', element: <SchedulesPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'projects', element: <ProjectsPage /> },
          { path: 'projects/:id', element: <ProjectPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
