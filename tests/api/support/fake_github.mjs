// A local stand-in for GitHub's REST API: the repositories it knows, the latest commit of each, and a log of
// the requests it received (to check what the server sent, e.g. the decrypted token).
import http from 'node:http';

export class FakeGitHub {
  constructor() {
    this.repositories = new Map(); // "owner/name" -> { repo, commit }
    this.requests = [];
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  stop() {
    return new Promise((resolve) => this.server.close(resolve));
  }

  set(owner, name, { description = null, stars = 0, forks = 0, language = null, defaultBranch = 'main', isPrivate = false, sha, message = 'a commit', author = 'Ada', date = '2026-11-20T10:00:00Z', requireToken } = {}) {
    this.repositories.set(`${owner}/${name}`.toLowerCase(), {
      requireToken,
      repo: {
        id: 1000 + this.repositories.size, name, full_name: `${owner}/${name}`, description, private: isPrivate,
        html_url: `https://github.com/${owner}/${name}`, clone_url: `https://github.com/${owner}/${name}.git`,
        default_branch: defaultBranch, stargazers_count: stars, forks_count: forks, language,
      },
      commit: { sha: sha ?? 'a'.repeat(40), commit: { message, author: { name: author, date } } },
      branch: defaultBranch,
    });
  }

  handle(req, res) {
    this.requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization ?? null, accept: req.headers.accept });
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const match = req.url.match(/^\/repos\/([^/]+)\/([^/]+)(?:\/commits\/([^/?]+))?$/);
    if (!match) return send(404, { message: 'Not Found' });
    const [, owner, name, branch] = match.map((part) => (part === undefined ? part : decodeURIComponent(part)));
    const entry = this.repositories.get(`${owner}/${name}`.toLowerCase());
    if (!entry) return send(404, { message: 'Not Found' });
    if (entry.requireToken && req.headers.authorization !== `Bearer ${entry.requireToken}`) {
      return send(404, { message: 'Not Found' }); // GitHub hides private repositories from the wrong token
    }
    if (branch === undefined) return send(200, entry.repo);
    if (branch !== entry.branch) return send(422, { message: 'No commit found for SHA' });
    return send(200, entry.commit);
  }
}
