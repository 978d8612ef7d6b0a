// Seeds a running server for the benchmark: completes setup (or signs in) and creates N technologies through
// the API with a few concurrent writers. Prints shell variables: TOKEN, PROJECT, ID_MIN, ID_MAX.
// usage: node seed.mjs <base-url> <setup-token or ""> <technologies> [research tasks] [repositories]
const [base, setupToken, countText, tasksText, reposText] = process.argv.slice(2);
const count = Number(countText ?? 10000);
const taskCount = Number(tasksText ?? 0);
const repoCount = Number(reposText ?? 0);
const DOMAINS = ['audio-dsp', 'ai-ml', 'music-theory', 'performance', 'ui-ux', 'infrastructure', 'other'];
const STATUSES = ['discovery', 'research', 'evaluation', 'implementation', 'integrated', 'archived'];
const credentials = { email: 'bench@example.com', password: 'benchmark password' };

async function call(method, path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

let token;
let project;
if (setupToken) {
  const setup = await call('POST', '/api/v1/auth/setup', { token: setupToken, ...credentials, project_name: 'Benchmark' });
  token = setup.access_token;
  project = setup.project.id;
} else {
  token = (await call('POST', '/api/v1/auth/login', credentials)).access_token;
  project = (await call('GET', '/api/v1/projects', undefined, token))[0].id;
}

// Runs `make(i)` for i in [0, n) with 16 concurrent writers.
async function inParallel(n, make) {
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < n) await make(next++);
  }));
}

const ids = [];
let next = 0;
async function writer() {
  while (next < count) {
    const i = next++;
    const t = await call('POST', '/api/v1/technologies', {
      title: `Seed technology ${i}`,
      domain: DOMAINS[i % DOMAINS.length],
      status: STATUSES[i % STATUSES.length],
      priority: (i % 5) + 1,
      relevance_score: (i * 37) % 101,
      tags: `tag${i % 20}, group${i % 7}`,
      description: `Seeded for the benchmark, number ${i}`,
    }, token);
    ids.push(t.id);
  }
}
await Promise.all(Array.from({ length: 16 }, writer));
ids.sort((a, b) => a - b);

const TASK_STATUSES = ['pending', 'in_progress', 'blocked', 'completed', 'cancelled'];
const LANGUAGES = ['C++', 'Rust', 'Go', 'TypeScript', 'Python'];
const day = 86400000;
await inParallel(repoCount, (i) => call('POST', '/api/v1/repositories', {
  owner: `org${i % 50}`, name: `repo-${i}`, description: `Seeded repository ${i}`,
}, token));
await inParallel(taskCount, (i) => call('POST', '/api/v1/research-tasks', {
  title: `Seed task ${i}`,
  status: TASK_STATUSES[i % TASK_STATUSES.length],
  technology_id: ids[i % ids.length],
  assigned_to: `person${i % 12}`,
  due_date: new Date(Date.now() + ((i % 60) - 30) * day).toISOString(),
}, token));
console.log(`TOKEN=${token}`);
console.log(`PROJECT=${project}`);
console.log(`ID_MIN=${ids[0]}`);
console.log(`ID_MAX=${ids[ids.length - 1]}`);
