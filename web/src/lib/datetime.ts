// Instants (the API's RFC 3339 UTC strings) and the wall-clock text of a <input type="datetime-local">
// ("2030-01-15T13:00"), in a given IANA time zone or the browser's own. A datetime-local input has no zone:
// what it shows must be converted from the instant in the zone the person means, and back in the same zone.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// The wall clock in `timeZone` at `instant` (milliseconds since the epoch).
function wallAt(instant: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour === 24 ? 0 : parts.hour, minute: parts.minute, second: parts.second };
}

const wallAsUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

// How far `timeZone` is ahead of UTC at `instant`, in milliseconds (Berlin in winter: +3,600,000).
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(wallAt(whole, timeZone)) - whole;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatWall(w: Wall): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

function parseWall(value: string): Wall | null {
  const m = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}

// "2030-01-15T12:00:00Z" → "2030-01-15T13:00" for Europe/Berlin: what a datetime-local input shows.
// Without a zone, the browser's. '' for nothing or for text that is not a date-time.
export function toDateTimeInput(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const instant = new Date(iso).getTime();
  if (Number.isNaN(instant)) return '';
  if (!timeZone) {
    const d = new Date(instant);
    return formatWall({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: 0 });
  }
  return formatWall(wallAt(instant, timeZone));
}

// The instant a wall-clock time in `timeZone` names, as the API wants it ("2030-01-15T12:00:00.000Z"); null for
// text that is not a date-time. A time that occurs twice (clocks going back) is its first occurrence; one that
// does not exist (clocks jumping forward) is moved forward by the jump, as Temporal's 'compatible' does.
export function fromDateTimeInput(value: string | null | undefined, timeZone?: string): string | null {
  if (!value) return null;
  const wall = parseWall(value);
  if (!wall) return null;
  if (!timeZone) {
    const d = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const local = wallAsUtc(wall);
  // At most one offset change lies within a day of any time in every zone there is.
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  const names = (instant: number) => wallAsUtc(wallAt(instant, timeZone)) === local;
  const candidates = [...new Set([local - before, local - after])].filter(names).sort((a, b) => a - b);
  // None: a gap. The earlier offset carries the time past the jump (02:30 in Berlin's spring gap is 03:30 CEST).
  const instant = candidates.length ? candidates[0] : local - before;
  return new Date(instant).toISOString();
}

// Whether an input's text names a date-time at all (an empty input does not).
export function isDateTimeInput(value: string): boolean {
  return parseWall(value) !== null;
}
