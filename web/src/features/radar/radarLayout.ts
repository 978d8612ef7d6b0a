// Places technologies on the radar: one sector per domain shown, one ring per status, every technology a blip,
// and no two blips overlapping.
//
// One blip size for the whole chart: a priority-5 blip is the same size in every cell, and never smaller than
// a priority-1 blip anywhere else, so that size reads the same across the chart. The size is the largest (from
// `maxBase` down to `minBase`) at which every cell holds all of its technologies, with rings as wide as their
// fullest cell needs: a ring whose cells are crowded grows, the others shrink towards a minimum (room for their
// name and a row of blips). Whatever room is left is shared out in the proportions of `RING_WEIGHTS`, so a
// radar with few technologies keeps its usual shape.
//
// Inside a cell the candidate places form a hexagonal pattern along arcs: rows `√3/2` of a pitch apart, each
// place a pitch (one blip diameter plus a gap) from its neighbours on the same arc and on the arc below, and
// half a pitch from the cell's borders and the ring names, so blips of neighbouring cells never touch either.
// A cell with room to spare spreads its blips out, starting in its middle.
//
// Only when the chart cannot hold everything even at `minBase` does it grow beyond the size asked for (up to
// `maxSize`, the caller shows it in a scrolling box); past that, a cell draws what it can and reports the rest
// as overflow (with a "+N" marker in a place of its own). Placement is deterministic: the same data draws the
// same radar. Sizes are in CSS pixels: the chart draws at 1:1 for the width it has.
//
// Numbers (the key between a blip and the list beside the chart) do not depend on the size: sector by
// sector, ring by ring, the most important first — so the list and a chart of any width always agree.
import { DOMAINS, type Domain, type TechnologyStatus } from '@/api/types';

// From the centre outwards: what is in use sits in the middle, what is only being looked at further out,
// and what was dropped on the rim.
export const RADAR_RINGS: readonly TechnologyStatus[] = ['integrated', 'implementation', 'evaluation', 'research', 'discovery', 'archived'];
// Each ring's share of the radius when none of them is crowded: the innermost is wider than an even split so
// that its cells (narrow near the centre) hold a useful number of blips.
export const RING_WEIGHTS: readonly number[] = [0.3, 0.16, 0.14, 0.135, 0.135, 0.13];
// However crowded another ring is, a ring keeps at least this part of its usual width (and room for its name).
const RING_FLOOR = 0.2;

export const MAX_BASE = 12;
// The smallest blips drawn: a priority-1 blip is then 4 px across, a priority-5 one 5.5 px.
export const MIN_BASE = 2.5;
const BASE_STEP = 0.25;

export interface RadarItem {
  id: number;
  domain: Domain;
  status: TechnologyStatus;
  priority: number;
  relevance_score: number;
  title: string;
}

export interface Blip {
  id: number;
  x: number;
  y: number;
  r: number;
  hit: number; // radius of its pointer target: at least r, never reaching another blip's target
  sector: number;
  ring: number;
  number: number; // 1-based, in reading order: sector by sector, ring by ring
}

export interface Cell {
  sector: number;
  ring: number;
  r0: number;
  r1: number;
  a0: number;
  a1: number;
}

// A ring's name, drawn on the vertical axis above the centre; blips keep clear of it.
export interface RingLabel {
  ring: number;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Point {
  x: number;
  y: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RadarLayout {
  size: number; // the chart's width and height; more than asked for only when it had to grow
  labels: RingLabel[];
  center: number;
  radius: number;
  ringRadii: number[];
  domains: Domain[]; // the domain of each sector
  sectorAngles: { start: number; end: number; mid: number }[];
  blips: Blip[];
  // What a cell could not draw even at the smallest size and the largest chart; `marker` is the place (one of
  // the cell's) where its "+N" count goes.
  overflow: { sector: number; ring: number; ids: number[]; marker?: { x: number; y: number; r: number } }[];
  baseRadius: number;
  gap: number;
  // The fullest cell (most technologies), if any.
  crowded: { sector: number; ring: number; count: number } | null;
  // Whether the sectors had to be made unequal to hold a crowded domain.
  widened: boolean;
}

export interface RadarOptions {
  size?: number; // viewBox width and height wanted
  maxSize?: number; // how far the chart may grow to draw every blip at minBase (default: not at all)
  margin?: number; // room for sector labels outside the rings
  domains?: readonly Domain[]; // the sectors, in this order; technologies of other domains are left out
  rings?: readonly TechnologyStatus[];
  ringWeights?: readonly number[];
  maxBase?: number; // largest and smallest base blip radius
  minBase?: number;
  ringLabels?: readonly string[]; // text of each ring's label; none when omitted
  ringLabelFont?: number; // font size of the ring labels (semibold)
  ringLabelPadding?: number; // room left and right of a ring label's text (its pill)
  sectorLabels?: readonly string[]; // each sector's name, written along the rim: a sector keeps room for it
  sectorLabelFont?: number;
}

const DEFAULT_LABEL_FONT = 10.5;
const TWO_PI = 2 * Math.PI;

// Blips grow with priority (1–5): 80 % to 110 % of the base radius.
export function blipRadius(base: number, priority: number): number {
  const p = Math.min(5, Math.max(1, Math.round(priority)));
  return base * (0.725 + 0.075 * p);
}

export function maxBlipRadius(base: number): number {
  return blipRadius(base, 5);
}

// The space between neighbouring blips: 3 px between large ones, less between small ones.
export function blipGap(base: number): number {
  return Math.min(3, Math.max(0.75, base * 0.25));
}

export function polar(center: number, r: number, angle: number): Point {
  return { x: center + r * Math.cos(angle), y: center + r * Math.sin(angle) };
}

// One ring's name as a pill on the vertical axis above the centre, sized for `font` px text (an upper bound
// of its width, so that the text never spills out of its pill).
function ringLabel(text: string, ring: number, r0: number, r1: number, center: number, font: number, padding: number): RingLabel {
  const height = Math.round(font * 1.6);
  // Average advance of semibold Inter: about 0.7 em for capitals, 0.6 em for mixed case.
  const charWidth = font * (text === text.toUpperCase() ? 0.7 : 0.6);
  const width = text.length * charWidth + 2 * padding;
  // The innermost ring's name sits on the centre, where the sectors meet and no blip fits anyway.
  const middle = ring === 0 ? 0 : (r0 + r1) / 2;
  return { ring, text, x: center - width / 2, y: center - middle - height / 2, width, height };
}

export function ringLabels(texts: readonly string[], ringRadii: readonly number[], center: number, font = DEFAULT_LABEL_FONT, padding = font * 0.7): RingLabel[] {
  return texts.map((text, ring) => ringLabel(text, ring, ring === 0 ? 0 : ringRadii[ring - 1], ringRadii[ring], center, font, padding));
}

// Distance from a point to a rectangle (0 inside).
function distanceToRect(p: Point, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

// What the packings of one cell share: places a pitch (`step`) apart, `pad` from every border, clear of the
// keep-outs that reach the cell, at most `limit` of them.
interface Packing {
  cell: Cell;
  center: number;
  pad: number;
  step: number;
  near: readonly Rect[];
  whole: boolean; // the sector is the whole circle: no border, rows close on themselves
  limit: number;
}

// Rows along arcs `rowGap` apart, centred in the cell. Rows a pitch apart need nothing of each other; closer
// rows (√3/2 of a pitch: a hexagonal pattern bent to the rings) keep each place a pitch from every place on the
// row below, swept from the middle outwards. Arcs suit thin rings, which hold one or two rows.
function arcRows(k: Packing, rowGap: number): Point[] {
  const { cell, center, pad, step, near, whole, limit } = k;
  const inner = Math.max(cell.r0 + pad, pad);
  const depth = cell.r1 - pad - inner;
  if (depth < 0) return [];
  const rows = Math.floor(depth / rowGap + 1e-9) + 1;
  const offset = (depth - (rows - 1) * rowGap) / 2;
  const points: Point[] = [];
  let below: number[] = [];
  let belowR = -Infinity;
  for (let i = 0; i < rows && points.length < limit; i++) {
    const r = inner + offset + i * rowGap;
    const chord = 2 * Math.asin(Math.min(1, step / (2 * r)));
    // Round a whole circle the first place must be a chord from the last.
    const angularPad = whole ? 0 : Math.asin(Math.min(1, pad / r));
    const start = cell.a0 + angularPad;
    const end = whole ? cell.a1 - chord : cell.a1 - angularPad;
    if (end < start - 1e-12) continue;
    // Places on the row below closer than `clear` in angle would be nearer than a pitch.
    const dr = r - belowR;
    const clear = dr >= step - 1e-9 ? 0 : 2 * Math.asin(Math.min(1, Math.sqrt(step * step - dr * dr) / (2 * Math.sqrt(r * belowR))));
    // How far `phi` is past a place below that is closer than `clear` (negative: before it), if any.
    const offsetFrom = (phi: number, b: number) => (whole ? ((((phi - b) % TWO_PI) + 3 * Math.PI) % TWO_PI) - Math.PI : phi - b);
    const blocked = (phi: number) => {
      if (clear === 0) return undefined;
      for (const b of below) {
        const d = offsetFrom(phi, b);
        if (Math.abs(d) < clear - 1e-12) return d;
      }
      return undefined;
    };
    const covered = (phi: number) => near.some((q) => distanceToRect(polar(center, r, phi), q) < pad);
    // From the place of an evenly centred row nearest the middle (or, when the row below constrains it, from the
    // middle), rightwards and then leftwards, each place as close as the row below and the keep-outs allow.
    const mid = (start + end) / 2;
    let origin = mid;
    if (clear === 0) {
      const n = Math.floor((end - start) / chord + 1e-9) + 1;
      const first = start + (end - start - (n - 1) * chord) / 2;
      origin = first + Math.max(0, Math.round((mid - first) / chord - 1e-9)) * chord;
    }
    const right: number[] = [];
    for (let phi = origin; phi <= end + 1e-9 && points.length + right.length < limit; ) {
      const d = blocked(phi);
      if (d !== undefined) phi += clear - d + 1e-9;
      else if (covered(phi)) phi += chord / 8;
      else {
        right.push(phi);
        phi += chord + 1e-9;
      }
    }
    const left: number[] = [];
    for (let phi = (right.length ? right[0] : origin + chord) - chord - 1e-9; phi >= start - 1e-9 && points.length + right.length + left.length < limit; ) {
      const d = blocked(phi);
      if (d !== undefined) phi -= clear + d + 1e-9;
      else if (covered(phi)) phi -= chord / 8;
      else {
        left.push(phi);
        phi -= chord + 1e-9;
      }
    }
    const row = [...left.reverse(), ...right];
    while (whole && row.length > 1 && row[row.length - 1] - row[0] > TWO_PI - chord + 1e-9) row.pop();
    for (const phi of row) points.push(polar(center, r, phi));
    if (row.length) {
      below = row;
      belowR = r;
    }
  }
  return points;
}

// Distance from a point (relative to the centre) to the ray from the centre at `angle`.
function distanceToRay(dx: number, dy: number, angle: number): number {
  const along = dx * Math.cos(angle) + dy * Math.sin(angle);
  return along <= 0 ? Math.hypot(dx, dy) : Math.abs(dx * Math.sin(angle) - dy * Math.cos(angle));
}

// A true hexagonal lattice (the densest packing) laid across the cell, rows square to its middle direction and
// symmetric about it, in whichever of a few radial phases holds the most. Suits cells many rows deep.
function hexLattice(k: Packing): Point[] {
  const { cell, center, pad, step, near, whole, limit } = k;
  const rowGap = (step * Math.sqrt(3)) / 2;
  const rIn = cell.r0 + pad;
  const rOut = cell.r1 - pad;
  if (rOut < Math.max(rIn, 0)) return [];
  const half = (cell.a1 - cell.a0) / 2;
  const mid = cell.a0 + half;
  const [ux, uy] = [Math.cos(mid), Math.sin(mid)];
  const [vx, vy] = [-uy, ux];
  const wide = whole || half >= Math.PI / 2;
  const uMin = wide ? -rOut : Math.max(0, rIn) * Math.cos(half);
  const vMax = wide ? rOut : rOut * Math.sin(half);
  let best: Point[] = [];
  for (const phaseU of [0, 0.25, 0.5, 0.75]) {
    for (const phaseV of [0, 0.5]) {
      const points: Point[] = [];
      for (let j = 0; points.length < limit; j++) {
        const u = uMin + (phaseU + j) * rowGap;
        if (u > rOut + 1e-9) break;
        const shift = (((j % 2) * 0.5 + phaseV) % 1) * step;
        const first = Math.ceil((-vMax - shift) / step - 1e-9);
        const last = Math.floor((vMax - shift) / step + 1e-9);
        for (let i = first; i <= last && points.length < limit; i++) {
          const v = shift + i * step;
          const dx = u * ux + v * vx;
          const dy = u * uy + v * vy;
          const r = Math.hypot(dx, dy);
          if (r < rIn - 1e-9 || r > rOut + 1e-9) continue;
          if (!whole) {
            const rel = (((Math.atan2(dy, dx) - cell.a0) % TWO_PI) + TWO_PI) % TWO_PI;
            if (rel > cell.a1 - cell.a0 + 1e-12) continue;
            if (distanceToRay(dx, dy, cell.a0) < pad - 1e-9 || distanceToRay(dx, dy, cell.a1) < pad - 1e-9) continue;
          }
          const p = { x: center + dx, y: center + dy };
          if (near.some((q) => distanceToRect(p, q) < pad)) continue;
          points.push(p);
        }
      }
      if (points.length > best.length) best = points;
      if (best.length >= limit) return best;
    }
  }
  return best;
}

// Candidate centres inside a cell for blips of radius at most `maxR`, `gap` apart (a pitch between centres),
// half a pitch from the cell's borders and clear of `keepOut`: whichever packing holds the most — rows along
// the arcs for thin rings, a hexagonal lattice for deep cells. Stops once it has `limit` places.
export function cellCandidates(cell: Cell, maxR: number, gap: number, center: number, keepOut: readonly Rect[] = [], limit = Infinity): Point[] {
  const pad = maxR + gap / 2;
  const step = 2 * maxR + gap;
  if (cell.r1 - cell.r0 < 2 * pad) return [];
  // The keep-outs that can reach this cell at all.
  const near = keepOut.filter((k) => {
    const far = Math.hypot(Math.max(Math.abs(k.x - center), Math.abs(k.x + k.width - center)), Math.max(Math.abs(k.y - center), Math.abs(k.y + k.height - center)));
    const close = distanceToRect({ x: center, y: center }, k);
    return close < cell.r1 && far > cell.r0;
  });
  const packing: Packing = { cell, center, pad, step, near, whole: cell.a1 - cell.a0 >= TWO_PI - 1e-9, limit };
  let best: Point[] = [];
  for (const pack of [() => arcRows(packing, step), () => arcRows(packing, (step * Math.sqrt(3)) / 2), () => hexLattice(packing)]) {
    const points = pack();
    if (points.length > best.length) best = points;
    if (best.length >= limit) break;
  }
  return best;
}

// Picks `k` of `points` spread as far apart as possible, starting nearest the cell's middle.
function spread(points: Point[], k: number, middle: Point): number[] {
  if (k <= 0 || points.length === 0) return [];
  if (k >= points.length) {
    // All of them: nearest the middle first, so that the most important sit there.
    return points.map((p, i) => ({ i, d: (p.x - middle.x) ** 2 + (p.y - middle.y) ** 2 })).sort((a, b) => a.d - b.d || a.i - b.i).map((e) => e.i);
  }
  const chosen: number[] = [];
  const taken = new Array<boolean>(points.length).fill(false);
  const best = new Array<number>(points.length).fill(Infinity);
  let next = 0;
  let nearest = Infinity;
  points.forEach((p, i) => {
    const d = (p.x - middle.x) ** 2 + (p.y - middle.y) ** 2;
    if (d < nearest - 1e-9) {
      nearest = d;
      next = i;
    }
  });
  while (chosen.length < k) {
    chosen.push(next);
    taken[next] = true;
    const c = points[next];
    let far = -1;
    let farIndex = -1;
    points.forEach((p, i) => {
      const d = (p.x - c.x) ** 2 + (p.y - c.y) ** 2;
      if (d < best[i]) best[i] = d;
      if (!taken[i] && best[i] > far + 1e-9) {
        far = best[i];
        farIndex = i;
      }
    });
    if (farIndex < 0) break;
    next = farIndex;
  }
  return chosen;
}

function byImportance(a: RadarItem, b: RadarItem): number {
  return b.priority - a.priority || b.relevance_score - a.relevance_score || a.title.localeCompare(b.title) || a.id - b.id;
}

// The number of every item the radar shows: sector by sector, ring by ring, most important first.
export function radarNumbers(items: readonly RadarItem[], domains: readonly Domain[] = DOMAINS, rings: readonly TechnologyStatus[] = RADAR_RINGS): Map<number, number> {
  const shown = items
    .map((item) => ({ item, sector: domains.indexOf(item.domain), ring: rings.indexOf(item.status) }))
    .filter((e) => e.sector >= 0 && e.ring >= 0)
    .sort((a, b) => a.sector - b.sector || a.ring - b.ring || byImportance(a.item, b.item));
  return new Map(shown.map((e, i) => [e.item.id, i + 1]));
}

// The geometry of a chart of one size, before any blip is placed.
interface Frame {
  size: number;
  center: number;
  radius: number;
  sectorAngles: { start: number; end: number; mid: number }[];
  minRadii: number[]; // each ring's smallest width (its first entry: the innermost ring's smallest radius)
  preferred: number[]; // each ring's width when nothing is crowded
  label: (ring: number, r0: number, r1: number) => RingLabel | null;
}

interface Counts {
  // For each ring, its non-empty cells, fullest first.
  byRing: { sector: number; count: number }[][];
}

function radiusFor(size: number, options: RadarOptions): number {
  return size / 2 - (options.margin ?? 70);
}

// `spans`: each sector's angle, together the whole circle.
function frameFor(size: number, options: RadarOptions, spans: readonly number[], ringCount: number): Frame {
  const center = size / 2;
  const radius = radiusFor(size, options);
  let angle = -Math.PI / 2;
  const sectorAngles = spans.map((span) => {
    const start = angle;
    angle += span;
    return { start, end: start + span, mid: start + span / 2 };
  });
  const weights = (options.ringWeights ?? RING_WEIGHTS).slice(0, ringCount);
  const total = weights.reduce((a, b) => a + b, 0);
  const preferred = weights.map((w) => (w / total) * radius);
  const font = options.ringLabelFont ?? DEFAULT_LABEL_FONT;
  const padding = options.ringLabelPadding ?? font * 0.7;
  const texts = options.ringLabels;
  const label = (ring: number, r0: number, r1: number) => (texts?.[ring] !== undefined ? ringLabel(texts[ring], ring, r0, r1, center, font, padding) : null);
  const minRadii = preferred.map((p, ring) => {
    const l = label(ring, 0, 0);
    // Room for the ring's name: across it, or (the innermost) around it on the centre.
    const forLabel = !l ? 0 : ring === 0 ? Math.hypot(l.width / 2, l.height / 2) + 2 : l.height + 2;
    return Math.max(RING_FLOOR * p, forLabel, 4);
  });
  return { size, center, radius, sectorAngles, minRadii, preferred, label };
}

function cellOf(frame: Frame, sector: number, ring: number, r0: number, r1: number): Cell {
  const s = frame.sectorAngles[sector];
  return { sector, ring, r0, r1, a0: s.start, a1: s.end };
}

// The smallest outer radius of every ring at which each of its cells holds its technologies with blips of
// `base`, working outwards; null when they do not fit in the chart.
function minimalRings(frame: Frame, counts: Counts, base: number): number[] | null {
  const rmax = maxBlipRadius(base);
  const gap = blipGap(base);
  const radii: number[] = [];
  const fixedLabels: RingLabel[] = [];
  let r0 = 0;
  const rings = counts.byRing.length;
  for (let ring = 0; ring < rings; ring++) {
    const restMin = frame.minRadii.slice(ring + 1).reduce((a, b) => a + b, 0);
    const lo = r0 + frame.minRadii[ring];
    const hi = frame.radius - restMin;
    if (lo > hi + 1e-9) return null;
    const cells = counts.byRing[ring];
    const fits = (r1: number) => {
      const own = frame.label(ring, r0, r1);
      const keepOut = own ? [...fixedLabels, own] : fixedLabels;
      return cells.every((c) => cellCandidates(cellOf(frame, c.sector, ring, r0, r1), rmax, gap, frame.center, keepOut, c.count).length >= c.count);
    };
    let r1 = lo;
    if (cells.length && !fits(lo)) {
      if (!fits(hi)) return null;
      let a = lo;
      let b = hi;
      while (b - a > 0.5) {
        const m = (a + b) / 2;
        if (fits(m)) b = m;
        else a = m;
      }
      r1 = b;
    }
    radii.push(r1);
    const own = frame.label(ring, r0, r1);
    if (own) fixedLabels.push(own);
    r0 = r1;
  }
  return radii;
}

// The largest base blip radius at which everything fits, with its minimal rings; null if none does.
function fit(frame: Frame, counts: Counts, maxBase: number, minBase: number): { base: number; radii: number[] } | null {
  const bases: number[] = [];
  for (let b = maxBase; b >= minBase - 1e-9; b -= BASE_STEP) bases.push(Math.round(b * 1000) / 1000);
  if (!bases.length) bases.push(minBase);
  const smallest = minimalRings(frame, counts, bases[bases.length - 1]);
  if (!smallest) return null;
  let lo = 0;
  let hi = bases.length - 1;
  let found = { base: bases[hi], radii: smallest };
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const radii = minimalRings(frame, counts, bases[mid]);
    if (radii) {
      found = { base: bases[mid], radii };
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return found;
}

// Ring widths: each at least what it needs, the rest of the radius shared in the usual proportions
// (every ring gets max(need, λ · preferred), with λ chosen to fill the radius).
function shareOut(needs: number[], preferred: number[], radius: number): number[] {
  const total = (lambda: number) => needs.reduce((sum, n, i) => sum + Math.max(n, lambda * preferred[i]), 0);
  let a = 0;
  let b = 1;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (total(m) < radius) a = m;
    else b = m;
  }
  const widths = needs.map((n, i) => Math.max(n, b * preferred[i]));
  const scale = radius / widths.reduce((x, y) => x + y, 0);
  // Rounding aside the sum is the radius already; only ever scale up, so that no ring drops below its need.
  return widths.map((w) => w * Math.max(1, scale));
}

function cumulative(widths: number[]): number[] {
  let r = 0;
  return widths.map((w) => (r += w));
}

// Sector angles for a radar whose equal sectors cannot hold a crowded domain even with the smallest blips:
// each sector in proportion to its technologies, but never narrower than the room its name needs along the rim
// (nor than an even share would give it, if that is smaller).
function demandSpans(counts: readonly number[], radius: number, options: RadarOptions): number[] {
  const n = counts.length;
  const even = (2 * Math.PI) / n;
  const font = options.sectorLabelFont ?? 13;
  const minimum = counts.map((_, i) => {
    const text = options.sectorLabels?.[i] ?? '';
    return Math.min(even, (text.length * 0.62 * font + 16) / (radius + 9));
  });
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return counts.map(() => even);
  const share = counts.map((c) => (2 * Math.PI * c) / total);
  const sum = (mu: number) => share.reduce((acc, p, i) => acc + Math.max(minimum[i], mu * p), 0);
  let a = 0;
  let b = 1;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (sum(m) < 2 * Math.PI) a = m;
    else b = m;
  }
  const spans = share.map((p, i) => Math.max(minimum[i], b * p));
  const scale = (2 * Math.PI) / spans.reduce((x, y) => x + y, 0);
  return spans.map((s) => s * scale);
}

export function layoutRadar(items: readonly RadarItem[], options: RadarOptions = {}): RadarLayout {
  const wanted = options.size ?? 800;
  const maxSize = Math.max(wanted, options.maxSize ?? wanted);
  const domains = [...(options.domains ?? DOMAINS)];
  const rings = options.rings ?? RADAR_RINGS;
  const maxBase = options.maxBase ?? MAX_BASE;
  const minBase = Math.min(maxBase, options.minBase ?? MIN_BASE);

  // Group by cell; items whose domain or status the radar does not show are left out.
  const cells = new Map<string, { sector: number; ring: number; items: RadarItem[] }>();
  for (const item of items) {
    const sector = domains.indexOf(item.domain);
    const ring = rings.indexOf(item.status);
    if (sector < 0 || ring < 0) continue;
    const key = `${sector}:${ring}`;
    let entry = cells.get(key);
    if (!entry) cells.set(key, (entry = { sector, ring, items: [] }));
    entry.items.push(item);
  }
  const counts: Counts = { byRing: rings.map(() => []) };
  for (const c of cells.values()) counts.byRing[c.ring].push({ sector: c.sector, count: c.items.length });
  for (const list of counts.byRing) list.sort((a, b) => b.count - a.count || a.sector - b.sector);
  let crowded: RadarLayout['crowded'] = null;
  for (const c of cells.values()) {
    const count = c.items.length;
    if (!crowded || count > crowded.count || (count === crowded.count && (c.sector < crowded.sector || (c.sector === crowded.sector && c.ring < crowded.ring)))) {
      crowded = { sector: c.sector, ring: c.ring, count };
    }
  }

  // Equal sectors at the size asked for, if everything fits there. Else, at the smallest blips, the crowded
  // sectors widened just enough (from equal towards sectors in proportion to their technologies); else the
  // chart grows to the smallest size that holds everything (up to maxSize); else, the largest chart allowed,
  // where some cell will not hold everything.
  const sectorCounts = domains.map((_, sector) => [...cells.values()].filter((c) => c.sector === sector).reduce((n, c) => n + c.items.length, 0));
  const even = domains.map(() => (2 * Math.PI) / domains.length);
  const blend = (target: number[], t: number) => even.map((e, i) => (1 - t) * e + t * target[i]);
  const frames = (size: number, spans: number[]) => frameFor(size, options, spans, rings.length);
  let frame = frames(wanted, even);
  let fitted = fit(frame, counts, maxBase, minBase);
  if (!fitted && domains.length > 1) {
    const target = demandSpans(sectorCounts, radiusFor(wanted, options), options);
    if (fit(frames(wanted, target), counts, minBase, minBase)) {
      let lo = 0;
      let hi = 1;
      while (hi - lo > 1 / 64) {
        const t = (lo + hi) / 2;
        if (fit(frames(wanted, blend(target, t)), counts, minBase, minBase)) hi = t;
        else lo = t;
      }
      frame = frames(wanted, blend(target, hi));
      fitted = fit(frame, counts, maxBase, minBase);
    }
  }
  if (!fitted && maxSize > wanted) {
    const spansAt = (size: number) => (domains.length > 1 ? demandSpans(sectorCounts, radiusFor(size, options), options) : even);
    const big = frames(maxSize, spansAt(maxSize));
    const atMax = fit(big, counts, minBase, minBase);
    if (atMax) {
      let lo = wanted;
      let hi = maxSize;
      let best = { frame: big, fitted: atMax };
      while (hi - lo > 4) {
        const mid = Math.round((lo + hi) / 2);
        const f = frames(mid, spansAt(mid));
        const got = fit(f, counts, minBase, minBase);
        if (got) {
          best = { frame: f, fitted: got };
          hi = mid;
        } else {
          lo = mid;
        }
      }
      ({ frame, fitted } = best);
    } else {
      frame = big;
    }
  }

  const base = fitted?.base ?? minBase;
  const rmax = maxBlipRadius(base);
  const gap = blipGap(base);
  const { center, radius, sectorAngles } = frame;
  const needs = fitted ? fitted.radii.map((r, i) => r - (i === 0 ? 0 : fitted.radii[i - 1])) : frame.minRadii;
  const ringLabelsAt = (radii: number[]) => rings.map((_, ring) => frame.label(ring, ring === 0 ? 0 : radii[ring - 1], radii[ring])).filter((l): l is RingLabel => l !== null);
  const slotsAt = (radii: number[], labels: RingLabel[]) => {
    const result = new Map<string, Point[]>();
    for (const [key, c] of cells) {
      result.set(key, cellCandidates(cellOf(frame, c.sector, c.ring, c.ring === 0 ? 0 : radii[c.ring - 1], radii[c.ring]), rmax, gap, center, labels));
    }
    return result;
  };
  const holdsAll = (slots: Map<string, Point[]>) => [...cells].every(([key, c]) => slots.get(key)!.length >= c.items.length);

  // The rings with the spare room shared out; if that somehow costs a cell a place, the minimal rings with the
  // spare room on the outermost.
  let ringRadii = cumulative(shareOut(needs, frame.preferred, radius));
  let labels = ringLabelsAt(ringRadii);
  let slots = slotsAt(ringRadii, labels);
  if (fitted && !holdsAll(slots)) {
    const minimal = cumulative(needs);
    minimal[minimal.length - 1] = radius;
    const minimalLabels = ringLabelsAt(minimal);
    const minimalSlots = slotsAt(minimal, minimalLabels);
    if (holdsAll(minimalSlots)) {
      ringRadii = minimal;
      labels = minimalLabels;
      slots = minimalSlots;
    }
  }

  const numbers = radarNumbers(items, domains, rings);
  const ordered = [...cells.entries()].sort(([, a], [, b]) => a.sector - b.sector || a.ring - b.ring);
  const blips: Blip[] = [];
  const overflow: RadarLayout['overflow'] = [];
  for (const [key, c] of ordered) {
    const points = slots.get(key)!;
    const sorted = [...c.items].sort(byImportance);
    const r0 = c.ring === 0 ? 0 : ringRadii[c.ring - 1];
    const s = sectorAngles[c.sector];
    const middle = polar(center, (r0 + ringRadii[c.ring]) / 2, s.mid);
    const full = sorted.length > points.length;
    const order = spread(points, sorted.length, middle);
    // A cell that cannot hold everything gives its last place to the "+N more" marker.
    const marker = full && order.length ? order.pop() : undefined;
    order.forEach((slot, i) => {
      const item = sorted[i];
      const p = points[slot];
      blips.push({ id: item.id, x: p.x, y: p.y, r: blipRadius(base, item.priority), hit: 0, sector: c.sector, ring: c.ring, number: numbers.get(item.id)! });
    });
    if (sorted.length > order.length) {
      const at = marker !== undefined ? { ...points[marker], r: rmax } : undefined;
      overflow.push({ sector: c.sector, ring: c.ring, ids: sorted.slice(order.length).map((t) => t.id), ...(at ? { marker: at } : {}) });
    }
  }
  assignTargets(blips, [...overflow.flatMap((o) => (o.marker ? [o.marker] : []))]);
  const widened = sectorAngles.some((a) => Math.abs(a.end - a.start - (2 * Math.PI) / domains.length) > 1e-6);
  return { size: frame.size, labels, center, radius, ringRadii, domains, sectorAngles, blips, overflow, baseRadius: base, gap, crowded, widened };
}

// Pointer targets: as large as a finger-friendly 11 px, but at most half the way to the nearest other blip (or
// marker), so that no target covers another blip; never smaller than the blip itself.
const TARGET = 11;
function assignTargets(blips: Blip[], others: Point[]) {
  const cellSize = 2 * TARGET;
  const grid = new Map<string, Point[]>();
  const keyOf = (x: number, y: number) => `${Math.floor(x / cellSize)}:${Math.floor(y / cellSize)}`;
  for (const p of [...blips, ...others]) {
    const key = keyOf(p.x, p.y);
    const list = grid.get(key);
    if (list) list.push(p);
    else grid.set(key, [p]);
  }
  for (const b of blips) {
    let nearest = 2 * TARGET;
    const gx = Math.floor(b.x / cellSize);
    const gy = Math.floor(b.y / cellSize);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const p of grid.get(`${gx + dx}:${gy + dy}`) ?? []) {
          if (p !== b) nearest = Math.min(nearest, Math.hypot(p.x - b.x, p.y - b.y));
        }
      }
    }
    b.hit = Math.max(b.r, Math.min(TARGET, nearest / 2));
  }
}

// Arc path of an annular sector, for drawing cells (a whole ring when the sector is the whole circle).
export function cellPath(center: number, r0: number, r1: number, a0: number, a1: number): string {
  const f = (n: number) => n.toFixed(2);
  if (a1 - a0 >= 2 * Math.PI - 1e-9) {
    const mid = a0 + Math.PI;
    return `${cellPath(center, r0, r1, a0, mid)} ${cellPath(center, r0, r1, mid, a1)}`;
  }
  const large = a1 - a0 > Math.PI ? 1 : 0;
  const p1 = polar(center, r1, a0);
  const p2 = polar(center, r1, a1);
  const p3 = polar(center, r0, a1);
  const p4 = polar(center, r0, a0);
  if (r0 <= 0) {
    return `M${f(center)},${f(center)} L${f(p1.x)},${f(p1.y)} A${f(r1)},${f(r1)} 0 ${large} 1 ${f(p2.x)},${f(p2.y)} Z`;
  }
  return `M${f(p1.x)},${f(p1.y)} A${f(r1)},${f(r1)} 0 ${large} 1 ${f(p2.x)},${f(p2.y)} L${f(p3.x)},${f(p3.y)} A${f(r0)},${f(r0)} 0 ${large} 0 ${f(p4.x)},${f(p4.y)} Z`;
}
