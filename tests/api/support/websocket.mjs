// WebSocket clients for the tests (the `ws` package): collect every message, wait for one that matches, and
// report how the connection ended.
import WebSocket from 'ws';

export class SocketClient {
  constructor(url, options = {}) {
    this.messages = [];
    this.waiters = [];
    this.ws = new WebSocket(url, options);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode })));
      this.ws.once('error', reject);
    });
    this.ending = null;
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => {
        this.ending = { code, reason: reason.toString() };
        resolve(this.ending);
        // Nothing more can arrive: whoever still waits learns now how the connection ended.
        for (const w of this.waiters) w.reject(this.closedError());
        this.waiters = [];
      });
    });
    this.ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
  }

  // Resolves with the first message (already received or still to come) that `match` accepts.
  next(match, timeoutMs = 15000) {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    if (this.ending) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`)), timeoutMs);
      timer.unref();
      this.waiters.push({
        match,
        resolve: (m) => { clearTimeout(timer); resolve(m); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
    });
  }

  closedError() {
    return new Error(`closed with ${this.ending.code} "${this.ending.reason}" before a matching message; got ${JSON.stringify(this.messages.slice(-5))}`);
  }

  send(object) { this.ws.send(JSON.stringify(object)); }
  close() { this.ws.close(); return this.closed; }
  terminate() { this.ws.terminate(); }
}

export function wsUrl(server, path) {
  return server.baseUrl.replace(/^http/, 'ws') + path;
}

// Opens with Authorization: Bearer.
export async function openWithToken(server, path, token) {
  const c = new SocketClient(wsUrl(server, path), { headers: { authorization: `Bearer ${token}` } });
  await c.opened;
  return c;
}

// Opens the browser way: a ticket from POST /api/v1/ws/ticket in the query string.
export async function openWithTicket(server, api, path) {
  const t = await api.post('/api/v1/ws/ticket', {});
  if (t.status !== 201) throw new Error(`ticket: ${t.status} ${t.text}`);
  const sep = path.includes('?') ? '&' : '?';
  const c = new SocketClient(wsUrl(server, `${path}${sep}ticket=${encodeURIComponent(t.json.ticket)}`));
  await c.opened;
  return c;
}
