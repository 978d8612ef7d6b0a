import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain, type TechnologyStatus } from '@/api/types';
import { RADAR_RINGS, layoutRadar, radarNumbers, type RadarItem, type RadarLayout } from './radarLayout';

// A deterministic pseudo-random source so that failures can be reproduced.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function makeItems(count: number, seed = 1, only?: { domain?: Domain; status?: TechnologyStatus }): RadarItem[] {
  const random = rng(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    title: `Tech ${i + 1}`,
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

function expectNoOverlap(layout: RadarLayout) {
  const { blips } = layout;
  const overlapping: string[] = [];
  for (let i = 0; i < blips.length; i++) {
    for (let j = i + 1; j < blips.length; j++) {
      const d = Math.hypot(blips[i].x - blips[j].x, blips[i].y - blips[j].y);
      if (d < blips[i].r + blips[j].r) overlapping.push(`${blips[i].id}/${blips[j].id}`);
    }
  }
  expect(overlapping).toEqual([]);
}

function expectInCells(layout: RadarLayout, items: RadarItem[]) {
  const byId = new Map(items.map((t) => [t.id, t]));
  for (const blip of layout.blips) {
    const item = byId.get(blip.id)!;
    const sector = DOMAINS.indexOf(item.domain);
    const ring = RADAR_RINGS.indexOf(item.status);
    expect(blip.sector).toBe(sector);
    expect(blip.ring).toBe(ring);
    const dx = blip.x - layout.center;
    const dy = blip.y - layout.center;
    const r = Math.hypot(dx, dy);
    const r0 = ring === 0 ? 0 : layout.ringRadii[ring - 1];
    const r1 = layout.ringRadii[ring];
    // The whole circle lies inside its ring ...
    expect(r - blip.r).toBeGreaterThanOrEqual(r0 - 1e-6);
    expect(r + blip.r).toBeLessThanOrEqual(r1 + 1e-6);
    // ... and inside its sector, clear of both dividing lines.
    const { start, end } = layout.sectorAngles[sector];
    const angle = Math.atan2(dy, dx);
    expect(angleIn(angle, start, end), `blip ${blip.id} outside its sector`).toBe(true);
    const toStart = r * Math.sin(Math.min(Math.PI / 2, Math.abs(angle - start) % (2 * Math.PI)));
    const distanceToLine = (a: number) => Math.abs(dx * Math.sin(a) - dy * Math.cos(a));
    expect(distanceToLine(start)).toBeGreaterThanOrEqual(blip.r - 1e-6);
    expect(distanceToLine(end)).toBeGreaterThanOrEqual(blip.r - 1e-6);
    expect(toStart).toBeGreaterThanOrEqual(0);
  }
}

describe('layoutRadar', () => {
  it('places every technology in its domain sector and status ring', () => {
    const items = makeItems(60, 7);
    const layout = layoutRadar(items);
    expect(layout.blips).toHaveLength(60);
    expect(layout.overflow).toEqual([]);
    expectInCells(layout, items);
  });

  it('never lets two blips overlap, across many random radars', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const items = makeItems(20 + seed * 8, seed);
      const layout = layoutRadar(items);
      expectNoOverlap(layout);
      expectInCells(layout, items);
      expect(layout.blips.length + layout.overflow.reduce((n, o) => n + o.ids.length, 0)).toBe(items.length);
    }
  });

  it('shrinks blips to fit a crowded cell instead of overlapping them', () => {
    const items = makeItems(40, 3, { domain: 'ai-ml', status: 'integrated' });
    const roomy = layoutRadar(makeItems(3, 3, { domain: 'ai-ml', status: 'integrated' }));
    const crowded = layoutRadar(items);
    expect(crowded.baseRadius).toBeLessThan(roomy.baseRadius);
    expect(crowded.blips.length + crowded.overflow.reduce((n, o) => n + o.ids.length, 0)).toBe(40);
    expectNoOverlap(crowded);
    expectInCells(crowded, items);
  });

  it('reports what cannot fit as overflow of its cell rather than drawing it on top of others', () => {
    const items = makeItems(400, 5, { domain: 'other', status: 'integrated' });
    const layout = layoutRadar(items);
    expect(layout.overflow).toHaveLength(1);
    expect(layout.overflow[0]).toMatchObject({ sector: DOMAINS.indexOf('other'), ring: 0 });
    expect(layout.blips.length + layout.overflow[0].ids.length).toBe(400);
    expectNoOverlap(layout);
  });

  it('puts the "+N more" count of a full cell in a slot of its own, clear of every blip and label', () => {
    const items = makeItems(140, 8);
    const layout = layoutRadar(items, { size: 360, margin: 26, ringLabels: RADAR_RINGS.map((r) => r), ringLabelFont: 9.5 });
    expect(layout.overflow.length).toBeGreaterThan(0);
    const markers = layout.overflow.map((o, i) => ({ id: -1 - i, ...o.marker!, sector: o.sector, ring: o.ring, number: 0 }));
    expect(markers.every((m) => m.r > 0)).toBe(true);
    expectNoOverlap({ ...layout, blips: [...layout.blips, ...markers] });
    for (const m of markers) {
      for (const l of layout.labels) {
        const dx = Math.max(l.x - m.x, 0, m.x - (l.x + l.width));
        const dy = Math.max(l.y - m.y, 0, m.y - (l.y + l.height));
        expect(Math.hypot(dx, dy)).toBeGreaterThanOrEqual(m.r);
      }
    }
    expect(layout.blips.length + layout.overflow.reduce((n, o) => n + o.ids.length, 0)).toBe(items.length);
  });

  it('numbers blips the same at every chart size, so the list beside the chart always matches', () => {
    const items = makeItems(45, 9);
    const numbers = radarNumbers(items);
    for (const size of [320, 480, 800, 900]) {
      const layout = layoutRadar(items, { size, margin: 24 });
      expect(layout.blips.length + layout.overflow.reduce((n, o) => n + o.ids.length, 0)).toBe(items.length);
      for (const blip of layout.blips) expect(blip.number).toBe(numbers.get(blip.id));
      expectNoOverlap(layout);
      expectInCells(layout, items);
    }
    // Within a cell the most important comes first.
    const cell = makeItems(4, 2, { domain: 'ai-ml', status: 'research' }).map((t, i) => ({ ...t, priority: i + 1 }));
    expect([...radarNumbers(cell).entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual([4, 3, 2, 1]);
  });

  it('is deterministic and numbers blips in reading order', () => {
    const items = makeItems(50, 11);
    const a = layoutRadar(items);
    const b = layoutRadar([...items].reverse());
    expect(b.blips).toEqual(a.blips);
    expect(a.blips.map((blip) => blip.number)).toEqual(a.blips.map((_, i) => i + 1));
    for (let i = 1; i < a.blips.length; i++) {
      const prev = a.blips[i - 1];
      const cur = a.blips[i];
      expect(cur.sector * 10 + cur.ring).toBeGreaterThanOrEqual(prev.sector * 10 + prev.ring);
    }
  });

  it('keeps every blip clear of the ring labels', () => {
    const items = makeItems(150, 4);
    const layout = layoutRadar(items, { ringLabels: RADAR_RINGS.map((r) => r.toUpperCase()) });
    expect(layout.labels).toHaveLength(RADAR_RINGS.length);
    for (const blip of layout.blips) {
      for (const l of layout.labels) {
        const dx = Math.max(l.x - blip.x, 0, blip.x - (l.x + l.width));
        const dy = Math.max(l.y - blip.y, 0, blip.y - (l.y + l.height));
        expect(Math.hypot(dx, dy), `blip ${blip.id} covers the label ${l.text}`).toBeGreaterThanOrEqual(blip.r);
      }
    }
    expectNoOverlap(layout);
    expectInCells(layout, items);
  });

  it('sizes blips by priority', () => {
    const items: RadarItem[] = [
      { id: 1, title: 'Low', domain: 'other', status: 'research', priority: 1, relevance_score: 50 },
      { id: 2, title: 'High', domain: 'other', status: 'research', priority: 5, relevance_score: 50 },
    ];
    const { blips } = layoutRadar(items);
    const low = blips.find((b) => b.id === 1)!;
    const high = blips.find((b) => b.id === 2)!;
    expect(high.r).toBeGreaterThan(low.r);
  });

  it('leaves out technologies whose domain or status the radar does not show', () => {
    const items = makeItems(10, 2);
    const layout = layoutRadar(items, { domains: ['ai-ml'] });
    expect(layout.blips.every((b) => items.find((t) => t.id === b.id)!.domain === 'ai-ml')).toBe(true);
  });
});
