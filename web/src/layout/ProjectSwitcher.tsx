import { useNavigate, useLocation } from 'react-router';
import { useCurrentProject } from '@/api/projects';
import { selectProject } from '@/api/projectScope';
import { label } from '@/lib/format';

// Detail pages belong to one project; switching goes to the same section's list.
const LIST_OF: Record<string, string> = { technologies: '/radar', repositories: '/repositories', research: '/research', jobs: '/jobs' };

export function ProjectSwitcher() {
  const { project, projects } = useCurrentProject();
  const navigate = useNavigate();
  const location = useLocation();
  if (!projects.length) return null;
  return (
    <div>
      <label htmlFor="project-switcher" className="mb-1 block text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        Project
      </label>
      <select
        id="project-switcher"
        value={project?.id ?? ''}
        onChange={(e) => {
          selectProject(Number(e.target.value));
          const [, section, id] = location.pathname.split('/');
          if (id && LIST_OF[section]) navigate(LIST_OF[section]);
        }}
        className="h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm font-medium text-slate-900 shadow-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({label(p.role)})
          </option>
        ))}
      </select>
    </div>
  );
}
