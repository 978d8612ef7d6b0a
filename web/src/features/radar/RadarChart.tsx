import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Technology } from '@/api/types';
import { label } from '@/lib/format';
import { relevanceBand } from '@/lib/palette';
import { RADAR_RINGS, cellPath, layoutRadar, polar, type Blip } from './radarLayout';
import { DOMAINS } from '@/api/types';

interface RadarChartProps {
  technologies: Technology[];
  moved: ReadonlySet<number>;
  selectedId: number | null;
  highlightedId: number | null;
  onSelect: (id: number | null) => void;
  onHighlight: (id: number | null) => void;
}

const SIZE = 820;
const MARGIN = 62;
// Extra room left and right for the longer domain names.
const SIDE = 70;
const RING_TEXT = RADAR_RINGS.map((r) => label(r).toUpperCase());
const OPTIONS = { size: SIZE, margin: MARGIN, ringLabels: RING_TEXT };

function describe(t: Technology, moved: boolean): string {
  return `${t.title}: ${label(t.status)} in ${label(t.domain)}, priority ${t.priority}, relevance ${t.relevance_score}${moved ? ', moved recently' : ''}`;
}

export function RadarChart({ technologies, moved, selectedId, highlightedId, onSelect, onHighlight }: RadarChartProps) {
  const layout = useMemo(() => layoutRadar(technologies, OPTIONS), [technologies]);
  const byId = useMemo(() => new Map(technologies.map((t) => [t.id, t])), [technologies]);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const { center, ringRadii, sectorAngles } = layout;
  const tipId = highlightedId ?? focusedId;
  const tipBlip = tipId !== null ? layout.blips.find((b) => b.id === tipId) : undefined;
  const tipTech = tipBlip ? byId.get(tipBlip.id) : undefined;

  function onKey(e: KeyboardEvent, blip: Blip) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(blip.id === selectedId ? null : blip.id);
    } else if (e.key === 'Escape') {
      onSelect(null);
    }
  }

  return (
    <div className="relative mx-auto w-full max-w-[960px]">
      <svg viewBox={`${-SIDE} 0 ${SIZE + 2 * SIDE} ${SIZE}`} className="h-auto w-full select-none" role="group" aria-label={`Technology radar with ${layout.blips.length} technologies`}>
        <title>Technology radar</title>
        {/* Rings, alternating shades; sector cells on top for the grid lines. */}
        {[...ringRadii].reverse().map((r, i) => (
          <circle key={r} cx={center} cy={center} r={r} className={i % 2 === 0 ? 'fill-slate-100 dark:fill-slate-800/70' : 'fill-white dark:fill-slate-900'} />
        ))}
        {sectorAngles.map((s, i) => {
          const end = polar(center, ringRadii[ringRadii.length - 1], s.start);
          return <line key={i} x1={center} y1={center} x2={end.x} y2={end.y} className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={1.5} />;
        })}
        {ringRadii.map((r) => (
          <circle key={r} cx={center} cy={center} r={r} className="fill-none stroke-slate-300 dark:stroke-slate-600" strokeWidth={1} />
        ))}
        {/* Ring names along the first dividing line (straight up). */}
        {layout.labels.map((l) => (
          <g key={l.ring} className="pointer-events-none" aria-hidden>
            <rect x={l.x} y={l.y} width={l.width} height={l.height} rx={l.height / 2} className="fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600" />
            <text x={l.x + l.width / 2} y={l.y + l.height / 2} textAnchor="middle" dominantBaseline="central" className="fill-slate-700 text-[10.5px] font-semibold tracking-wide dark:fill-slate-200">
              {l.text}
            </text>
          </g>
        ))}
        {/* Domain names outside the rim. */}
        {sectorAngles.map((s, i) => {
          const p = polar(center, layout.radius + 20, s.mid);
          const anchor = Math.abs(p.x - center) < 30 ? 'middle' : p.x > center ? 'start' : 'end';
          return (
            <text key={DOMAINS[i]} x={p.x} y={p.y} textAnchor={anchor} dominantBaseline="middle" className="fill-slate-800 text-[15px] font-semibold dark:fill-slate-100">
              {label(DOMAINS[i])}
            </text>
          );
        })}
        {/* Overflowing cells: how many are not drawn. */}
        {layout.overflow.map((o) => {
          const r0 = o.ring === 0 ? 0 : ringRadii[o.ring - 1];
          const p = polar(center, (r0 + ringRadii[o.ring]) / 2, sectorAngles[o.sector].mid);
          return (
            <g key={`${o.sector}:${o.ring}`}>
              <path d={cellPath(center, r0, ringRadii[o.ring], sectorAngles[o.sector].start, sectorAngles[o.sector].end)} className="fill-amber-200/30" />
              <text x={p.x} y={p.y + 18} textAnchor="middle" className="fill-amber-900 text-[12px] font-semibold dark:fill-amber-200">
                +{o.ids.length} more
              </text>
            </g>
          );
        })}
        {layout.blips.map((blip) => {
          const t = byId.get(blip.id);
          if (!t) return null;
          const isMoved = moved.has(t.id);
          const active = blip.id === selectedId || blip.id === highlightedId;
          const band = relevanceBand(t.relevance_score);
          const pending = t.id < 0;
          return (
            <g
              key={blip.id}
              className="radar-blip"
              transform={`translate(${blip.x.toFixed(2)} ${blip.y.toFixed(2)})`}
              tabIndex={0}
              role="button"
              aria-label={describe(t, isMoved)}
              aria-pressed={blip.id === selectedId}
              data-technology-id={t.id}
              data-testid="radar-blip"
              onClick={() => onSelect(blip.id === selectedId ? null : blip.id)}
              onKeyDown={(e) => onKey(e, blip)}
              onMouseEnter={() => onHighlight(blip.id)}
              onMouseLeave={() => onHighlight(null)}
              onFocus={() => setFocusedId(blip.id)}
              onBlur={() => setFocusedId(null)}
            >
              <circle r={blip.r + 4} className="radar-focus fill-none stroke-indigo-500 opacity-0 dark:stroke-indigo-300" strokeWidth={2.5} />
              {isMoved && <circle r={blip.r + 2.5} className="fill-none stroke-amber-500" strokeWidth={2} strokeDasharray="3 2" />}
              <circle r={blip.r} fill={band.fill} opacity={pending ? 0.5 : 1} className={active ? 'stroke-slate-900 dark:stroke-white' : 'stroke-white dark:stroke-slate-900'} strokeWidth={active ? 2.5 : 1.5} />
              {blip.r >= 7 && (
                <text textAnchor="middle" dominantBaseline="central" className="pointer-events-none fill-white font-semibold" fontSize={blip.number > 99 ? blip.r * 0.8 : blip.r * 0.95}>
                  {blip.number}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {tipBlip && tipTech && (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 w-56 -translate-x-1/2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800"
          style={{ left: `${((tipBlip.x + SIDE) / (SIZE + 2 * SIDE)) * 100}%`, top: `calc(${(tipBlip.y / SIZE) * 100}% + 14px)` }}
        >
          <p className="font-semibold text-slate-900 dark:text-white">
            {tipBlip.number}. {tipTech.title}
          </p>
          <p className="text-slate-700 dark:text-slate-300">
            {label(tipTech.status)} · {label(tipTech.domain)}
          </p>
          <p className="text-slate-700 dark:text-slate-300">
            Priority {tipTech.priority} · Relevance {tipTech.relevance_score}
          </p>
          {moved.has(tipTech.id) && <p className="mt-1 font-medium text-amber-700 dark:text-amber-300">Moved in the last 30 days</p>}
        </div>
      )}
    </div>
  );
}

export function useBlipNumbers(technologies: Technology[]) {
  return useMemo(() => {
    const layout = layoutRadar(technologies, OPTIONS);
    return new Map(layout.blips.map((b) => [b.id, b.number]));
  }, [technologies]);
}
