// WebSockets authenticate with a single-use ticket (POST /api/v1/ws/ticket), since browsers cannot send an
// Authorization header on the upgrade. Each connection needs a fresh ticket; a lost connection is reopened
// with exponential backoff.
import { api } from './client';
import { ApiError } from './problem';

export function wsUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}

async function ticket(): Promise<string> {
  const answer = await api.post<{ ticket: string }>('/api/v1/ws/ticket', {}, { project: null });
  return answer.ticket;
}

export interface SocketHandlers {
  onMessage: (message: Record<string, unknown>) => void;
  onOpen?: (reconnected: boolean) => void;
  // The server ended the stream on purpose (a finished job); do not reconnect.
  isFinal?: (message: Record<string, unknown>) => boolean;
}

// Opens `path` (with ?ticket= appended) and keeps it open until the returned function is called.
export function openLiveSocket(path: string, handlers: SocketHandlers): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let finished = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let opened = false;

  const schedule = (delay: number) => {
    if (stopped || finished) return;
    timer = setTimeout(connect, delay);
  };

  async function connect() {
    if (stopped) return;
    let t: string;
    try {
      t = await ticket();
    } catch (error) {
      // Without the endpoint (404) or the right (403) there is nothing to wait for soon.
      const permanent = error instanceof ApiError && (error.status === 404 || error.status === 403);
      schedule(permanent ? 5 * 60_000 : backoff(attempt++));
      return;
    }
    if (stopped) return;
    const separator = path.includes('?') ? '&' : '?';
    socket = new WebSocket(wsUrl(`${path}${separator}ticket=${encodeURIComponent(t)}`));
    socket.onopen = () => {
      handlers.onOpen?.(opened);
      opened = true;
      attempt = 0;
    };
    socket.onmessage = (event) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(event.data)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (handlers.isFinal?.(message)) finished = true;
      handlers.onMessage(message);
    };
    socket.onclose = () => {
      socket = null;
      schedule(backoff(attempt++));
    };
  }

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}

// 0.5 s, 1 s, 2 s … up to 30 s, with jitter so that many tabs do not reconnect in step.
export function backoff(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}
