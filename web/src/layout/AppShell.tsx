import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { BookMarked, BookOpen, Briefcase, CalendarClock, FolderGit2, FolderKanban, LayoutDashboard, ListChecks, Menu, Radar, ScrollText, X } from 'lucide-react';
import { useCurrentProject, usePermissions } from '@/api/projects';
import { useMinWidth } from '@/hooks/useMediaQuery';
import { ProjectSwitcher } from './ProjectSwitcher';
import { UserMenu } from './UserMenu';
import { Spinner, EmptyState } from '@/components/ui/Feedback';
import { Link } from 'react-router';

const NAV = [
  { to: '/', label: 'Dashboard', Icon: LayoutDashboard, end: true },
  { to: '/radar', label: 'Technology Radar', Icon: Radar },
  { to: '/repositories', label: 'Repositories', Icon: FolderGit2 },
  { to: '/research', label: 'Research tasks', Icon: ListChecks },
  { to: '/knowledge', label: 'Knowledge', Icon: BookMarked },
  { to: '/jobs', label: 'Jobs', Icon: Briefcase },
  { to: '/schedules', label: 'Schedules', Icon: CalendarClock },
  { to: '/audit', label: 'Audit log', Icon: ScrollText, admin: true },
  { to: '/projects', label: 'Projects', Icon: FolderKanban },
];

function Brand() {
  return (
    <Link to="/" className="flex items-center gap-2 text-slate-900 dark:text-white">
      <img src="/favicon.svg" alt="" className="size-8" />
      <span className="text-lg font-semibold tracking-tight">CommandCenter</span>
    </Link>
  );
}

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { canAdmin } = usePermissions();
  return (
    <nav aria-label="Main" className="flex-1 space-y-1">
      {NAV.filter((item) => !item.admin || canAdmin).map(({ to, label, Icon, end }) => (
        <NavLink
          key={to}
          to={to}
          end={end}
          onClick={onNavigate}
          className={({ isActive }) =>
            `flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors ${
              isActive
                ? 'bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-100'
                : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white'
            }`
          }
        >
          <Icon className="size-5 shrink-0" aria-hidden />
          {label}
        </NavLink>
      ))}
      <a href="/docs" className="flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
        <BookOpen className="size-5 shrink-0" aria-hidden />
        API reference
      </a>
    </nav>
  );
}

function SidebarContent({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-6 p-4">
      <Brand />
      <ProjectSwitcher />
      <Navigation onNavigate={onNavigate} />
      <div className="border-t border-slate-200 pt-4 dark:border-slate-800">
        <UserMenu />
      </div>
    </div>
  );
}

// The navigation of a phone: a modal drawer on the native <dialog>, so that focus moves into it and stays there,
// Escape closes it (the dialog's own close event), the page behind is inert, and focus goes back to the button that opened it.
function PhoneMenu({ open, onClose, returnFocusTo }: { open: boolean; onClose: () => void; returnFocusTo: React.RefObject<HTMLButtonElement | null> }) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    if (!dialog.open) dialog.showModal();
    close.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      returnFocusTo.current?.focus();
    };
  }, [open, returnFocusTo]);
  if (!open) return null;
  // A click on the backdrop reaches the dialog itself, outside its box.
  function onBackdrop(e: MouseEvent<HTMLDialogElement>) {
    if (e.target !== e.currentTarget) return;
    const box = e.currentTarget.getBoundingClientRect();
    if (e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom) onClose();
  }
  return (
    <dialog
      ref={ref}
      aria-label="Menu"
      onClose={onClose}
      onClick={onBackdrop}
      className="m-0 h-dvh max-h-none w-80 max-w-[85vw] overflow-y-auto bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 lg:hidden dark:bg-slate-900 dark:text-slate-100"
    >
      <button ref={close} type="button" onClick={onClose} aria-label="Close menu" className="absolute top-4 right-3 rounded-lg p-1.5 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
        <X className="size-5" aria-hidden />
      </button>
      <SidebarContent onNavigate={onClose} />
    </dialog>
  );
}

export function AppShell() {
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const { project, projects, isLoading } = useCurrentProject();
  const wide = useMinWidth('lg');
  // Navigating closes the menu, and so does a screen that grows wide enough for the sidebar (a modal menu hidden
  // by CSS would leave the page inert).
  useEffect(() => setOpen(false), [location.pathname, wide]);

  let content = <Outlet />;
  if (isLoading) content = <Spinner label="Loading your projects" />;
  else if (!projects.length && location.pathname !== '/projects')
    content = (
      <EmptyState title="You are not in any project yet" action={<Link className="font-medium text-indigo-700 underline dark:text-indigo-300" to="/projects">Create a project</Link>}>
        Create a project to start a radar, or ask a project admin to add you.
      </EmptyState>
    );
  else if (!project && location.pathname !== '/projects') content = <Spinner label="Opening project" />;

  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only z-50 rounded bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Skip to content
      </a>
      <aside aria-label="Sidebar" className="hidden w-72 shrink-0 border-r border-slate-200 bg-white lg:block dark:border-slate-800 dark:bg-slate-900">
        <div className="sticky top-(--offline-banner-height) h-[calc(100dvh-var(--offline-banner-height))] overflow-y-auto">
          <SidebarContent />
        </div>
      </aside>
      <header className="sticky top-(--offline-banner-height) z-30 flex items-center justify-between border-b border-slate-200 bg-white/90 px-4 py-3 backdrop-blur lg:hidden dark:border-slate-800 dark:bg-slate-900/90">
        <Brand />
        <button ref={menuButton} type="button" onClick={() => setOpen(true)} aria-label="Open menu" aria-haspopup="dialog" aria-expanded={open} className="rounded-lg p-2 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
          <Menu className="size-6" aria-hidden />
        </button>
      </header>
      <PhoneMenu open={open} onClose={() => setOpen(false)} returnFocusTo={menuButton} />
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-7xl">{content}</div>
      </main>
    </div>
  );
}
