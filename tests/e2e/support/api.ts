// Another client acting through the API (a script, a colleague): signs in and works in a named project.
import { expect, type APIRequestContext } from '@playwright/test';

export async function apiClient(request: APIRequestContext, user: { email: string; password: string }, projectName: string) {
  const login = await request.post('/api/v1/auth/login', { data: { email: user.email, password: user.password } });
  expect(login.status()).toBe(200);
  const auth = { authorization: `Bearer ${(await login.json()).access_token}` };
  const projects: { id: number; name: string }[] = await (await request.get('/api/v1/projects', { headers: auth })).json();
  const project = projects.find((p) => p.name === projectName);
  expect(project, `project ${projectName}`).toBeTruthy();
  const headers = { ...auth, 'x-project-id': String(project!.id) };
  return {
    projectId: project!.id,
    headers,
    async send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown) {
      const response = await request.fetch(path, { method, headers, data });
      expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
      return response.status() === 204 ? null : response.json();
    },
  };
}
