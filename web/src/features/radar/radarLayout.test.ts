import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain, type TechnologyStatus } from '@/api/types';
import { MAX_SIZE, chartOptions } from './chartOptions';
import { MIN_BASE, RADAR_RINGS, RING_WEIGHTS, blipRadius, cellCandidates, layoutRadar, maxBlipRadius, radarNumbers, type RadarItem, type RadarLayout } from './radarLayout';

// The widths the chart gets (measured in Chromium): beside the list on a 1280 px laptop, and edge to edge on
// a 390 px phone.
const DESKTOP = 534;
const PHONE = 382;

// A deterministic pseudo-random source so that failures can be reproduced.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function makeItems(count: number, seed = 1, only?: { domain?: Domain; status?: TechnologyStatus }, firstId = 1): RadarItem[] {
  const random = rng(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: firstId + i,
    title: `Tech ${firstId + i}`,
    domain: only?.domain ?? DOMAINS[Math.floor(random() * DOMAINS.length)],
    status: only?.status ?? RADAR_RINGS[Math.floor(random() * RADAR_RINGS.length)],
    priority: 1 + Math.floor(random() * 5),
    relevance_score: Math.floor(random() * 101),
  }));
}

function angleIn(angle: number, start: number, end: number): boolean {
  const twoPi = 2 * Math.PI;
  const a = (((angle - start) % twoPi) + twoPi) % twoPi;
  return a <= end - start + 1e-9;
}

// Distance from a point to the ray from the centre at `angle` (a sector's border).
function distanceToRay(dx: number, dy: number, angle: number): number {
  const along = dx * Math.cos(angle) + dy * Math.sin(angle);
  return along <= 0 ? Math.hypot(dx, dy) : Math.abs(dx * Math.sin(angle) - dy * Math.cos(angle));
}

function expectNoOverlap(layout: RadarLayout) {
  const { blips } = layout;
  const overlapping: string[] = [];
  for (let i = 0; i < blips.length; i++) {
    for (let j = i + 1; j < blips.length; j++) {
      const d = Math.hypot(blips[i].x - blips[j].x, blips[i].y - blips[j].y);
      if (d < blips[i].r + blips[j].r + layout.gap - 1e-6) overlapping.push(`${blips[i].id}/${blips[j].id}`);
      // Pointer targets do not overlap either: a pointer over one blip never picks another.
      if (d < blips[i].hit + blips[j].hit - 1e-6) overlapping.push(`target ${blips[i].id}/${blips[j].id}`);
    }
  }
  expect(overlapping).toEqual([]);
}

// Every technology shown has exactly one blip, the whole circle of which lies in its own sector and ring.
function expectEveryBlipInItsCell(layout: RadarLayout, items: RadarItem[], domains: readonly Domain[] = DOMAINS) {
  const shown = items.filter((t) => domains.includes(t.domain));
  expect(layout.overflow).toEqual([]);
  expect(layout.blips.map((b) => b.id).sort((a, b) => a - b)).toEqual(shown.map((t) => t.id).sort((a, b) => a - b));
  const byId = new Map(items.map((t) => [t.id, t]));
  for (const blip of layout.blips) {
    const item = byId.get(blip.id)!;
    const sector = domains.indexOf(item.domain);
    const ring = RADAR_RINGS.indexOf(item.status);
    expect(blip.sector).toBe(sector);
    expect(blip.ring).toBe(ring);
    expect(blip.hit).toBeGreaterThanOrEqual(blip.r);
    const dx = blip.x - layout.center;
    const dy = blip.y - layout.center;
    const r = Math.hypot(dx, dy);
    const r0 = ring === 0 ? 0 : layout.ringRadii[ring - 1];
    const r1 = layout.ringRadii[ring];
    expect(r - blip.r, `blip ${blip.id} inside its ring`).toBeGreaterThanOrEqual(r0 - 1e-6);
    expect(r + blip.r, `blip ${blip.id} inside its ring`).toBeLessThanOrEqual(r1 + 1e-6);
    const { start, end } = layout.sectorAngles[sector];
    expect(angleIn(Math.atan2(dy, dx), start, end), `blip ${blip.id} outside its sector`).toBe(true);
    // (A sector that is the whole circle has no border.)
    if (end - start < 2 * Math.PI - 1e-9) {
      expect(distanceToRay(dx, dy, start), `blip ${blip.id} crosses its sector's border`).toBeGreaterThanOrEqual(blip.r - 1e-6);
      expect(distanceToRay(dx, dy, end), `blip ${blip.id} crosses its sector's border`).toBeGreaterThanOrEqual(blip.r - 1e-6);
    }
  }
}

function expectClearOfLabels(layout: RadarLayout) {
  for (const blip of layout.blips) {
    for (const l of layout.labels) {
      const dx = Math.max(l.x - blip.x, 0, blip.x - (l.x + l.width));
      const dy = Math.max(l.y - blip.y, 0, blip.y - (l.y + l.height));
      expect(Math.hypot(dx, dy), `blip ${blip.id} covers the label ${l.text}`).toBeGreaterThanOrEqual(blip.r);
    }
  }
}

// One blip size for the chart: a priority-5 blip is never smaller than a priority-1 blip anywhere else.
function expectComparableSizes(layout: RadarLayout, items: RadarItem[]) {
  const byId = new Map(items.map((t) => [t.id, t]));
  const radii = (p: number) => layout.blips.filter((b) => byId.get(b.id)!.priority === p).map((b) => b.r);
  for (let p = 1; p <= 5; p++) expect(new Set(radii(p)).size).toBeLessThanOrEqual(1);
  const high = radii(5);
  const low = radii(1);
  if (high.length && low.length) expect(Math.min(...high)).toBeGreaterThanOrEqual(Math.max(...low));
}

function expectSound(layout: RadarLayout, items: RadarItem[], domains: readonly Domain[] = DOMAINS) {
  expectEveryBlipInItsCell(layout, items, domains);
  expectNoOverlap(layout);
  expectClearOfLabels(layout);
  expectComparableSizes(layout, items);
}

// What the chart passes at a width, as RadarChart does.
const atWidth = (width: number, domains?: readonly Domain[]) => chartOptions(width, domains).layout;

describe('layoutRadar', () => {
  it('draws 300 technologies of one cell at the desktop width, each a blip in its sector and ring', () => {
    const crowd = makeItems(300, 3, { domain: 'ai-ml', status: 'integrated' });
    const others = makeItems(14, 4, undefined, 1000);
    const items = [...crowd, ...others];
    const layout = layoutRadar(items, atWidth(DESKTOP));
    expect(layout.size).toBe(DESKTOP);
    expectSound(layout, items);
    expect(layout.baseRadius).toBeGreaterThanOrEqual(MIN_BASE);
    expect(layout.crowded).toEqual({ sector: DOMAINS.indexOf('ai-ml'), ring: 0, count: 300 });
  });

  it('draws 300 technologies of one cell in the outermost ring too', () => {
    const items = makeItems(300, 5, { domain: 'other', status: 'archived' });
    const layout = layoutRadar(items, atWidth(DESKTOP));
    expect(layout.size).toBe(DESKTOP);
    expectSound(layout, items);
  });

  it('draws 1,000 technologies spread unevenly, at the largest chart', () => {
    const items = [
      ...makeItems(400, 6, { domain: 'audio-dsp', status: 'integrated' }),
      ...makeItems(200, 7, { domain: 'ai-ml', status: 'evaluation' }, 401),
      ...makeItems(150, 8, { domain: 'infrastructure' }, 601),
      ...makeItems(250, 9, undefined, 751),
    ];
    const layout = layoutRadar(items, atWidth(MAX_SIZE));
    expect(layout.blips).toHaveLength(1000);
    expectSound(layout, items);
  });

  it('draws a lone technology at the largest size, in its own cell', () => {
    const items = makeItems(1, 2, { domain: 'performance', status: 'research' });
    for (const width of [PHONE, DESKTOP, MAX_SIZE]) {
      const layout = layoutRadar(items, atWidth(width));
      expectSound(layout, items);
      expect(layout.blips[0].r).toBeCloseTo(blipRadius(12, items[0].priority));
    }
  });

  it('keeps every technology a blip without overlap across many random radars and widths', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const items = makeItems(10 + seed * 16, seed);
      const layout = layoutRadar(items, atWidth([PHONE, DESKTOP, MAX_SIZE][seed % 3]));
      expectSound(layout, items);
    }
  });

  it('draws a phone-sized crowded cell (the audit: 4 in one cell hid 2) at full size', () => {
    const items = [...makeItems(4, 12, { domain: 'ui-ux', status: 'evaluation' }), ...makeItems(20, 13, undefined, 100)];
    const layout = layoutRadar(items, atWidth(PHONE));
    expect(layout.size).toBe(PHONE);
    expectSound(layout, items);
  });

  it('shrinks blips for the whole chart, never per cell, and keeps priority legible as size', () => {
    const items = [...makeItems(120, 14, { domain: 'ai-ml', status: 'integrated' }), ...makeItems(30, 15, undefined, 500)];
    const crowded = layoutRadar(items, atWidth(DESKTOP));
    const roomy = layoutRadar(items.slice(120), atWidth(DESKTOP));
    expect(crowded.baseRadius).toBeLessThan(roomy.baseRadius);
    expectSound(crowded, items);
    // A priority-5 blip in the crowded cell is as large as a priority-5 blip in an empty corner.
    const byId = new Map(items.map((t) => [t.id, t]));
    const fives = crowded.blips.filter((b) => byId.get(b.id)!.priority === 5);
    expect(new Set(fives.map((b) => b.sector)).size).toBeGreaterThan(1);
    expect(new Set(fives.map((b) => b.r)).size).toBe(1);
  });

  it('sizes rings by what they hold: a crowded ring is wider, a quiet radar keeps its usual shape', () => {
    const quiet = layoutRadar(makeItems(12, 16), atWidth(MAX_SIZE));
    const widths = (l: RadarLayout) => l.ringRadii.map((r, i) => r - (i === 0 ? 0 : l.ringRadii[i - 1]));
    const total = RING_WEIGHTS.reduce((a, b) => a + b, 0);
    widths(quiet).forEach((w, i) => expect(w / quiet.radius).toBeCloseTo(RING_WEIGHTS[i] / total, 2));
    const items = makeItems(150, 17, { domain: 'music-theory', status: 'research' });
    const busy = layoutRadar(items, atWidth(MAX_SIZE));
    const research = RADAR_RINGS.indexOf('research');
    expect(widths(busy)[research]).toBeGreaterThan(widths(quiet)[research] * 1.5);
    expectSound(busy, items);
  });

  it('with a domain filter draws only the chosen sectors, which then hold larger blips', () => {
    const items = [...makeItems(200, 18, { domain: 'ai-ml', status: 'integrated' }), ...makeItems(40, 19, undefined, 300)];
    const all = layoutRadar(items, atWidth(DESKTOP));
    const two = ['audio-dsp', 'ai-ml'] as Domain[];
    const filtered = layoutRadar(items, atWidth(DESKTOP, two));
    expect(filtered.domains).toEqual(two);
    expect(filtered.sectorAngles).toHaveLength(2);
    expectSound(filtered, items, two);
    expect(filtered.baseRadius).toBeGreaterThan(all.baseRadius);
    const alone = layoutRadar(items, atWidth(DESKTOP, ['ai-ml']));
    expect(alone.sectorAngles).toHaveLength(1);
    expect(alone.sectorAngles[0].end - alone.sectorAngles[0].start).toBeCloseTo(2 * Math.PI);
    expectSound(alone, items, ['ai-ml']);
    expect(alone.baseRadius).toBeGreaterThan(filtered.baseRadius);
    // A whole circle has no border to keep clear of: blips close the circle at the top too (no empty slit).
    const halfPitch = maxBlipRadius(alone.baseRadius) + alone.gap / 2;
    const onSeam = alone.blips.filter((b) => distanceToRay(b.x - alone.center, b.y - alone.center, -Math.PI / 2) < halfPitch);
    expect(onSeam.length).toBeGreaterThan(0);
  });

  it('keeps sectors equal unless a domain cannot fit otherwise, and then keeps room for every name', () => {
    const quiet = layoutRadar(makeItems(80, 20), atWidth(DESKTOP));
    expect(quiet.widened).toBe(false);
    const items = makeItems(300, 21, { domain: 'ai-ml', status: 'integrated' });
    const layout = layoutRadar(items, atWidth(DESKTOP));
    expect(layout.widened).toBe(true);
    const spans = layout.sectorAngles.map((s) => s.end - s.start);
    expect(spans.reduce((a, b) => a + b, 0)).toBeCloseTo(2 * Math.PI);
    const ai = DOMAINS.indexOf('ai-ml');
    expect(spans[ai]).toBeGreaterThan((2 * Math.PI) / DOMAINS.length);
    // The narrowest sector still has room for "Infrastructure" along the rim.
    expect(Math.min(...spans) * (layout.radius + 9)).toBeGreaterThan('Infrastructure'.length * 0.6 * 11.5);
  });

  it('grows beyond its width only when even the smallest blips cannot fit, and then draws every one', () => {
    const items = makeItems(450, 22, { domain: 'ai-ml', status: 'integrated' });
    const layout = layoutRadar(items, atWidth(PHONE));
    expect(layout.size).toBeGreaterThan(PHONE);
    expect(layout.baseRadius).toBe(MIN_BASE);
    expectSound(layout, items);
    // Not a pixel more than needed (to the search's 4 px).
    const smaller = layoutRadar(items, { ...atWidth(PHONE), size: layout.size - 5, maxSize: layout.size - 5 });
    expect(smaller.overflow.length).toBeGreaterThan(0);
  });

  it('says honestly what it cannot draw when it may not grow: an overflow count in a place of its own', () => {
    const items = makeItems(2000, 23, { domain: 'other', status: 'integrated' });
    const layout = layoutRadar(items, { ...atWidth(PHONE), maxSize: PHONE });
    expect(layout.overflow).toHaveLength(1);
    expect(layout.overflow[0]).toMatchObject({ sector: DOMAINS.indexOf('other'), ring: 0 });
    expect(layout.blips.length + layout.overflow[0].ids.length).toBe(2000);
    const marker = layout.overflow[0].marker!;
    expect(marker.r).toBeGreaterThan(0);
    for (const b of layout.blips) expect(Math.hypot(b.x - marker.x, b.y - marker.y)).toBeGreaterThanOrEqual(b.r + marker.r);
    expectNoOverlap(layout);
  });

  it('numbers blips the same at every chart size, so the list beside the chart always matches', () => {
    const items = makeItems(45, 9);
    const numbers = radarNumbers(items);
    for (const width of [320, 480, 800, 900]) {
      const layout = layoutRadar(items, atWidth(width));
      for (const blip of layout.blips) expect(blip.number).toBe(numbers.get(blip.id));
      expectSound(layout, items);
    }
    // Within a cell the most important comes first.
    const cell = makeItems(4, 2, { domain: 'ai-ml', status: 'research' }).map((t, i) => ({ ...t, priority: i + 1 }));
    expect([...radarNumbers(cell).entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual([4, 3, 2, 1]);
  });

  it('is deterministic and numbers blips in reading order', () => {
    const items = makeItems(50, 11);
    const a = layoutRadar(items, atWidth(DESKTOP));
    const b = layoutRadar([...items].reverse(), atWidth(DESKTOP));
    expect(b.blips).toEqual(a.blips);
    expect(a.blips.map((blip) => blip.number)).toEqual(a.blips.map((_, i) => i + 1));
    for (let i = 1; i < a.blips.length; i++) {
      const prev = a.blips[i - 1];
      const cur = a.blips[i];
      expect(cur.sector * 10 + cur.ring).toBeGreaterThanOrEqual(prev.sector * 10 + prev.ring);
    }
  });

  it('packs a cell nearly as densely as a hexagonal lattice can', () => {
    // Places per area of the densest packing of circles a pitch apart.
    const perArea = (maxR: number, gap: number) => 1 / ((Math.sqrt(3) / 2) * (2 * maxR + gap) ** 2);
    const area = (r0: number, r1: number, span: number) => (span / 2) * (r1 * r1 - r0 * r0);
    // A deep wedge (300 small blips' worth), and a mid-sized cell where the borders cost more.
    const deep = cellCandidates({ sector: 0, ring: 0, r0: 0, r1: 240, a0: -Math.PI / 2, a1: -Math.PI / 2 + 2.1 }, 2.75, 1, 300);
    expect(deep.length).toBeGreaterThan(0.9 * area(0, 240, 2.1) * perArea(2.75, 1));
    const mid = cellCandidates({ sector: 0, ring: 2, r0: 100, r1: 200, a0: 0, a1: 0.9 }, 4, 1, 300);
    expect(mid.length).toBeGreaterThan(0.8 * area(100, 200, 0.9) * perArea(4, 1));
    // A thin ring holds a full row along its arc.
    const thin = cellCandidates({ sector: 0, ring: 3, r0: 100, r1: 111, a0: 0, a1: 0.9 }, 4, 1, 300);
    expect(thin.length).toBe(Math.floor((0.9 - 2 * Math.asin(4.5 / 105.5)) / (2 * Math.asin(9 / 211)) + 1e-9) + 1);
  });

  it('sizes blips by priority', () => {
    const items: RadarItem[] = [
      { id: 1, title: 'Low', domain: 'other', status: 'research', priority: 1, relevance_score: 50 },
      { id: 2, title: 'High', domain: 'other', status: 'research', priority: 5, relevance_score: 50 },
    ];
    const { blips } = layoutRadar(items);
    expect(blips.find((b) => b.id === 2)!.r).toBeGreaterThan(blips.find((b) => b.id === 1)!.r);
  });
});
