// Places technologies on the radar: one sector per domain, one ring per status, and no two blips overlapping.
//
// Each (sector, ring) cell is filled from a set of candidate points spaced at least one blip diameter plus a
// gap apart: points on one arc are a chord of that length apart, arcs are that far apart radially, and every
// point keeps its own radius plus half a gap from the cell's borders and from the ring labels. Blips shrink
// in a crowded cell (to the largest size at which that cell holds them all); a cell that cannot hold its
// blips even at the smallest size shows the rest as an overflow count. Placement is deterministic: the
// same data draws the same radar. Sizes are in CSS pixels: the chart draws at 1:1 for the width it has.
//
// Numbers (the key between a blip and the list beside the chart) do not depend on the size: sector by
// sector, ring by ring, the most important first — so the list and a chart of any width always agree.
import { DOMAINS, type Domain, type TechnologyStatus } from '@/api/types';

// From the centre outwards: what is in use sits in the middle, what is only being looked at further out,
// and what was dropped on the rim.
export const RADAR_RINGS: readonly TechnologyStatus[] = ['integrated', 'implementation', 'evaluation', 'research', 'discovery', 'archived'];
// Outer edge of each ring as a fraction of the radius; inner rings are wider than an even split so that
// their cells (narrow near the centre) still hold a useful number of blips.
export const RING_FRACTIONS: readonly number[] = [0.3, 0.46, 0.6, 0.735, 0.87, 1];

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

export interface RadarLayout {
  size: number;
  labels: RingLabel[];
  center: number;
  radius: number;
  ringRadii: number[];
  sectorAngles: { start: number; end: number; mid: number }[];
  blips: Blip[];
  // What a full cell could not draw; `marker` is the slot (one of the cell's) where its "+N" count goes.
  overflow: { sector: number; ring: number; ids: number[]; marker?: { x: number; y: number; r: number } }[];
  baseRadius: number;
  gap: number;
}

export interface RadarOptions {
  size?: number; // viewBox width and height
  margin?: number; // room for sector labels outside the rings
  domains?: readonly Domain[];
  rings?: readonly TechnologyStatus[];
  ringFractions?: readonly number[];
  sizes?: readonly number[]; // candidate base radii, largest first
  gap?: number;
  ringLabels?: readonly string[]; // text of each ring's label; none when omitted
  ringLabelFont?: number; // font size of the ring labels (semibold)
  ringLabelPadding?: number; // room left and right of a ring label's text (its pill)
}

const DEFAULT_SIZES = [16, 14, 12, 10, 8.5, 7, 6, 5, 4.5];
const DEFAULT_LABEL_FONT = 10.5;

// Blips grow with priority (1–5): 80 % to 110 % of the base radius.
export function blipRadius(base: number, priority: number): number {
  const p = Math.min(5, Math.max(1, Math.round(priority)));
  return base * (0.725 + 0.075 * p);
}

export function maxBlipRadius(base: number): number {
  return blipRadius(base, 5);
}

export function polar(center: number, r: number, angle: number): { x: number; y: number } {
  return { x: center + r * Math.cos(angle), y: center + r * Math.sin(angle) };
}

// Pills on the vertical axis above the centre, one per ring, sized for `font` px uppercase text (an upper
// bound of its width, so that the text never spills out of its pill).
export function ringLabels(texts: readonly string[], ringRadii: readonly number[], center: number, font = DEFAULT_LABEL_FONT, padding = font * 0.7): RingLabel[] {
  const height = Math.round(font * 1.6);
  return texts.map((text, ring) => {
    const r0 = ring === 0 ? 0 : ringRadii[ring - 1];
    // Average advance of semibold Inter: about 0.7 em for capitals, 0.6 em for mixed case.
    const charWidth = font * (text === text.toUpperCase() ? 0.7 : 0.6);
    const width = text.length * charWidth + 2 * padding;
    // The innermost ring's name sits on the centre, where the sectors meet and no blip fits anyway.
    const middle = ring === 0 ? 0 : (r0 + ringRadii[ring]) / 2;
    return { ring, text, x: center - width / 2, y: center - middle - height / 2, width, height };
  });
}

// Distance from a point to a rectangle (0 inside).
function distanceToRect(p: { x: number; y: number }, r: { x: number; y: number; width: number; height: number }): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

// Candidate centres inside a cell for blips of radius at most `maxR`, `gap` apart, clear of `keepOut`.
export function cellCandidates(
  cell: Cell,
  maxR: number,
  gap: number,
  center: number,
  keepOut: readonly { x: number; y: number; width: number; height: number }[] = [],
): { x: number; y: number }[] {
  const pad = maxR + gap / 2;
  const step = 2 * maxR + gap;
  const depth = cell.r1 - cell.r0 - 2 * pad;
  if (depth < 0) return [];
  const arcs = Math.floor(depth / step) + 1;
  const radialOffset = (depth - (arcs - 1) * step) / 2;
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i < arcs; i++) {
    const r = cell.r0 + pad + radialOffset + i * step;
    if (r <= pad) continue;
    const angularPad = Math.asin(Math.min(1, pad / r));
    const span = cell.a1 - cell.a0 - 2 * angularPad;
    if (span < 0) continue;
    const theta = 2 * Math.asin(Math.min(1, step / (2 * r)));
    const count = Math.floor(span / theta + 1e-9) + 1;
    const angularOffset = (span - (count - 1) * theta) / 2;
    for (let j = 0; j < count; j++) {
      const p = polar(center, r, cell.a0 + angularPad + angularOffset + j * theta);
      if (keepOut.every((k) => distanceToRect(p, k) >= maxR + gap / 2)) points.push(p);
    }
  }
  return points;
}

// Picks `k` of `points` spread as far apart as possible, starting nearest the cell's middle.
function spread(points: { x: number; y: number }[], k: number, middle: { x: number; y: number }): number[] {
  if (k <= 0 || points.length === 0) return [];
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
  while (chosen.length < Math.min(k, points.length)) {
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
export function radarNumbers(
  items: readonly RadarItem[],
  domains: readonly Domain[] = DOMAINS,
  rings: readonly TechnologyStatus[] = RADAR_RINGS,
): Map<number, number> {
  const shown = items
    .map((item) => ({ item, sector: domains.indexOf(item.domain), ring: rings.indexOf(item.status) }))
    .filter((e) => e.sector >= 0 && e.ring >= 0)
    .sort((a, b) => a.sector - b.sector || a.ring - b.ring || byImportance(a.item, b.item));
  return new Map(shown.map((e, i) => [e.item.id, i + 1]));
}

export function layoutRadar(items: readonly RadarItem[], options: RadarOptions = {}): RadarLayout {
  const size = options.size ?? 800;
  const margin = options.margin ?? 70;
  const domains = options.domains ?? DOMAINS;
  const rings = options.rings ?? RADAR_RINGS;
  const fractions = options.ringFractions ?? RING_FRACTIONS;
  const sizes = options.sizes ?? DEFAULT_SIZES;
  const gap = options.gap ?? 3;
  const center = size / 2;
  const radius = size / 2 - margin;
  const ringRadii = fractions.map((f) => f * radius);
  const sectorSpan = (2 * Math.PI) / domains.length;
  const labels = options.ringLabels ? ringLabels(options.ringLabels, ringRadii, center, options.ringLabelFont, options.ringLabelPadding) : [];
  const sectorAngles = domains.map((_, i) => {
    const start = -Math.PI / 2 + i * sectorSpan;
    return { start, end: start + sectorSpan, mid: start + sectorSpan / 2 };
  });

  // Group by cell; items whose domain or status the radar does not show are left out.
  const cells = new Map<string, { cell: Cell; items: RadarItem[] }>();
  for (const item of items) {
    const sector = domains.indexOf(item.domain);
    const ring = rings.indexOf(item.status);
    if (sector < 0 || ring < 0) continue;
    const key = `${sector}:${ring}`;
    let entry = cells.get(key);
    if (!entry) {
      entry = {
        cell: { sector, ring, r0: ring === 0 ? 0 : ringRadii[ring - 1], r1: ringRadii[ring], a0: sectorAngles[sector].start, a1: sectorAngles[sector].end },
        items: [],
      };
      cells.set(key, entry);
    }
    entry.items.push(item);
  }

  // Each cell uses the largest blip size at which it holds all of its blips: a crowded cell has smaller
  // blips, the others keep their size (and priority still reads as size inside every cell).
  const fitted = new Map<string, { base: number; points: { x: number; y: number }[] }>();
  for (const [key, { cell, items: inCell }] of cells) {
    let chosen = { base: sizes[sizes.length - 1], points: [] as { x: number; y: number }[] };
    for (const base of sizes) {
      const points = cellCandidates(cell, maxBlipRadius(base), gap, center, labels);
      chosen = { base, points };
      if (points.length >= inCell.length) break;
    }
    fitted.set(key, chosen);
  }
  const baseRadius = Math.max(sizes[sizes.length - 1], ...[...fitted.values()].map((f) => f.base));

  const numbers = radarNumbers(items, domains, rings);
  const ordered = [...cells.entries()].sort(([, a], [, b]) => a.cell.sector - b.cell.sector || a.cell.ring - b.cell.ring);
  const blips: Blip[] = [];
  const overflow: RadarLayout['overflow'] = [];
  for (const [key, { cell, items: inCell }] of ordered) {
    const { base, points } = fitted.get(key)!;
    const sorted = [...inCell].sort(byImportance);
    const middle = polar(center, (cell.r0 + cell.r1) / 2, (cell.a0 + cell.a1) / 2);
    const full = sorted.length > points.length;
    const slots = spread(points, sorted.length, middle);
    // A full cell gives its last slot to the "+N more" marker, so that the count never covers a blip.
    const marker = full && slots.length ? slots.pop() : undefined;
    // The most important get the slots nearest the cell's middle; numbers follow importance too.
    slots.forEach((slot, i) => {
      const item = sorted[i];
      const point = points[slot];
      blips.push({ id: item.id, x: point.x, y: point.y, r: blipRadius(base, item.priority), sector: cell.sector, ring: cell.ring, number: numbers.get(item.id)! });
    });
    if (sorted.length > slots.length) {
      const at = marker !== undefined ? { ...points[marker], r: maxBlipRadius(base) } : undefined;
      overflow.push({ sector: cell.sector, ring: cell.ring, ids: sorted.slice(slots.length).map((t) => t.id), ...(at ? { marker: at } : {}) });
    }
  }
  return { size, labels, center, radius, ringRadii, sectorAngles, blips, overflow, baseRadius, gap };
}

// Arc path of an annular sector, for drawing cells.
export function cellPath(center: number, r0: number, r1: number, a0: number, a1: number): string {
  const large = a1 - a0 > Math.PI ? 1 : 0;
  const p1 = polar(center, r1, a0);
  const p2 = polar(center, r1, a1);
  const p3 = polar(center, r0, a1);
  const p4 = polar(center, r0, a0);
  const f = (n: number) => n.toFixed(2);
  if (r0 <= 0) {
    return `M${f(center)},${f(center)} L${f(p1.x)},${f(p1.y)} A${f(r1)},${f(r1)} 0 ${large} 1 ${f(p2.x)},${f(p2.y)} Z`;
  }
  return `M${f(p1.x)},${f(p1.y)} A${f(r1)},${f(r1)} 0 ${large} 1 ${f(p2.x)},${f(p2.y)} L${f(p3.x)},${f(p3.y)} A${f(r0)},${f(r0)} 0 ${large} 0 ${f(p4.x)},${f(p4.y)} Z`;
}
