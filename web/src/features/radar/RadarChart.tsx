import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Technology } from '@/api/types';
import { DOMAINS } from '@/api/types';
import { label } from '@/lib/format';
import { DOMAIN_COLOR, relevanceBand } from '@/lib/palette';
import { RADAR_RINGS, cellPath, layoutRadar, polar, radarNumbers, type Blip } from './radarLayout';

interface RadarChartProps {
  technologies: Technology[];
  moved: ReadonlySet<number>;
  selectedId: number | null;
  highlightedId: number | null;
  onSelect: (id: number | null) => void;
  onHighlight: (id: number | null) => void;
}

// The chart draws at 1:1 for the width it gets (so text and blips keep their pixel size on every screen),
// from a phone up to MAX_SIZE; below COMPACT it uses smaller type and lighter ring labels.
const MAX_SIZE = 860;
const MIN_SIZE = 300;
const COMPACT = 560;
// Without a measured width (tests, the first render before layout) the chart assumes this one.
const FALLBACK_SIZE = 800;
const RING_TEXT = RADAR_RINGS.map((r) => label(r));
const TOOLTIP_WIDTH = 224;

function describe(t: Technology, moved: boolean): string {
  return `${t.title}: ${label(t.status)} in ${label(t.domain)}, priority ${t.priority}, relevance ${t.relevance_score}${moved ? ', moved recently' : ''}`;
}

// The width of an element, kept up to date; 0 until it is known.
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => setWidth(entries[0].contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

function chartOptions(size: number) {
  const compact = size < COMPACT;
  const domainFont = compact ? 11.5 : 13.5;
  return {
    compact,
    domainFont,
    layout: {
      size,
      margin: Math.round(domainFont + 16),
      ringLabels: RING_TEXT,
      ringLabelFont: compact ? 9.5 : 11,
      ringLabelPadding: compact ? 2 : 8,
    },
  };
}

// An arc from angle a0 to a1 (clockwise), or back from a1 to a0: text on it then reads left to right at
// the bottom of the circle too.
function arcPath(center: number, r: number, a0: number, a1: number, reverse: boolean): string {
  const from = polar(center, r, reverse ? a1 : a0);
  const to = polar(center, r, reverse ? a0 : a1);
  const f = (n: number) => n.toFixed(2);
  return `M${f(from.x)},${f(from.y)} A${f(r)},${f(r)} 0 0 ${reverse ? 0 : 1} ${f(to.x)},${f(to.y)}`;
}

export function RadarChart({ technologies, moved, selectedId, highlightedId, onSelect, onHighlight }: RadarChartProps) {
  const [containerRef, width] = useWidth<HTMLDivElement>();
  const size = width > 0 ? Math.round(Math.min(MAX_SIZE, Math.max(MIN_SIZE, width))) : FALLBACK_SIZE;
  const { compact, domainFont, layout: options } = chartOptions(size);
  const layout = useMemo(() => layoutRadar(technologies, options), [technologies, size]); // eslint-disable-line react-hooks/exhaustive-deps
  const byId = useMemo(() => new Map(technologies.map((t) => [t.id, t])), [technologies]);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const ids = useId();
  const { center, radius, ringRadii, sectorAngles } = layout;
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

  const tipLeft = tipBlip ? Math.min(size - TOOLTIP_WIDTH / 2, Math.max(TOOLTIP_WIDTH / 2, tipBlip.x)) : 0;
  const tipBelow = tipBlip ? tipBlip.y < size * 0.6 : true;

  return (
    <div ref={containerRef} className="w-full">
      <div className="relative mx-auto" style={{ width: size, maxWidth: '100%' }}>
        <svg
          viewBox={`0 0 ${size} ${size}`}
          width={size}
          height={size}
          className="block h-auto max-w-full select-none"
          role="group"
          aria-label={`Technology radar with ${layout.blips.length} technologies`}
        >
          <title>Technology radar</title>
          {/* Rings, alternating shades; sector lines and ring edges on top. */}
          {[...ringRadii].reverse().map((r, i) => (
            <circle key={r} cx={center} cy={center} r={r} className={i % 2 === 0 ? 'fill-slate-100 dark:fill-slate-800/80' : 'fill-white dark:fill-slate-900'} />
          ))}
          {sectorAngles.map((s, i) => {
            const end = polar(center, radius, s.start);
            return <line key={i} x1={center} y1={center} x2={end.x} y2={end.y} className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={1.5} />;
          })}
          {ringRadii.map((r) => (
            <circle key={r} cx={center} cy={center} r={r} className="fill-none stroke-slate-300 dark:stroke-slate-600" strokeWidth={1} />
          ))}
          {/* Domains: a coloured arc along the rim (the colour of the list beside the chart) and the name
              written along the circle, so that long names need no room at the sides. */}
          {sectorAngles.map((s, i) => {
            const domain = DOMAINS[i];
            const bottom = Math.sin(s.mid) > 0.05;
            const pad = 4 / radius;
            const textRadius = radius + 9 + (bottom ? domainFont * 0.72 : 0);
            return (
              <g key={domain}>
                <path d={arcPath(center, radius + 2.5, s.start + pad, s.end - pad, false)} fill="none" stroke={DOMAIN_COLOR[domain]} strokeWidth={3} strokeLinecap="round" aria-hidden />
                <path id={`${ids}-domain-${i}`} d={arcPath(center, textRadius, s.start, s.end, bottom)} fill="none" />
                <text className="fill-slate-800 font-semibold dark:fill-slate-100" fontSize={domainFont}>
                  <textPath href={`#${ids}-domain-${i}`} startOffset="50%" textAnchor="middle">
                    {label(domain)}
                  </textPath>
                </text>
              </g>
            );
          })}
          {/* Ring names on the axis straight up: pills on a roomy chart, haloed text on a small one. */}
          {layout.labels.map((l) => (
            <g key={l.ring} className="pointer-events-none" aria-hidden>
              {!compact && <rect x={l.x} y={l.y} width={l.width} height={l.height} rx={l.height / 2} className="fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600" />}
              <text
                x={l.x + l.width / 2}
                y={l.y + l.height / 2}
                textAnchor="middle"
                dominantBaseline="central"
                fontSize={options.ringLabelFont}
                paintOrder="stroke"
                strokeWidth={compact ? 3 : 0}
                strokeLinejoin="round"
                className="fill-slate-700 stroke-white font-semibold dark:fill-slate-200 dark:stroke-slate-900"
              >
                {l.text}
              </text>
            </g>
          ))}
          {/* Full cells: a tinted cell, and a "+N" marker in a slot of its own naming what is not drawn. */}
          {layout.overflow.map((o) => {
            const r0 = o.ring === 0 ? 0 : ringRadii[o.ring - 1];
            const names = o.ids.map((id) => byId.get(id)?.title).filter(Boolean).join(', ');
            const text = `${o.ids.length} more in ${label(DOMAINS[o.sector])}, ${label(RADAR_RINGS[o.ring])}: ${names}`;
            const m = o.marker ?? { ...polar(center, (r0 + ringRadii[o.ring]) / 2, sectorAngles[o.sector].mid), r: 9 };
            return (
              <g key={`${o.sector}:${o.ring}`} data-testid="radar-overflow">
                <path d={cellPath(center, r0, ringRadii[o.ring], sectorAngles[o.sector].start, sectorAngles[o.sector].end)} className="fill-amber-200/30 dark:fill-amber-400/10" />
                <g role="img" aria-label={text} transform={`translate(${m.x.toFixed(2)} ${m.y.toFixed(2)})`}>
                  <title>{text}</title>
                  <circle r={m.r} strokeWidth={1.5} strokeDasharray="2 1.5" className="fill-amber-100 stroke-amber-700 dark:fill-amber-950 dark:stroke-amber-300" />
                  <text textAnchor="middle" dominantBaseline="central" fontSize={Math.max(7.5, m.r * (o.ids.length > 9 ? 0.8 : 0.95))} className="pointer-events-none fill-amber-950 font-semibold dark:fill-amber-100">
                    +{o.ids.length}
                  </text>
                </g>
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
                data-number={blip.number}
                data-testid="radar-blip"
                onClick={() => onSelect(blip.id === selectedId ? null : blip.id)}
                onKeyDown={(e) => onKey(e, blip)}
                onMouseEnter={() => onHighlight(blip.id)}
                onMouseLeave={() => onHighlight(null)}
                onFocus={() => setFocusedId(blip.id)}
                onBlur={() => setFocusedId(null)}
              >
                {/* A larger transparent target for fingers and mice. */}
                <circle r={Math.max(blip.r, 11)} className="fill-transparent" />
                <circle r={blip.r + 4} className="radar-focus fill-none stroke-indigo-600 opacity-0 dark:stroke-indigo-300" strokeWidth={2.5} />
                {isMoved && <circle r={blip.r + 2.5} className="fill-none stroke-amber-600 dark:stroke-amber-400" strokeWidth={2} strokeDasharray="3 2" data-moved />}
                <circle
                  r={blip.r}
                  opacity={pending ? 0.5 : 1}
                  className={`${band.fill} ${active ? 'stroke-slate-900 dark:stroke-white' : 'stroke-white dark:stroke-slate-900'}`}
                  strokeWidth={active ? 2.5 : 1.5}
                />
                {blip.r >= 4.8 && (
                  <text textAnchor="middle" dominantBaseline="central" className={`pointer-events-none font-semibold ${band.text}`} fontSize={Math.max(7.5, blip.number > 99 ? blip.r * 0.85 : blip.r * 1.05)}>
                    {blip.number}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        {layout.overflow.length > 0 && (
          <p className="mt-2 px-2 text-sm text-amber-900 dark:text-amber-200" data-testid="radar-overflow-note">
            Too full to draw every blip:{' '}
            {layout.overflow.map((o, i) => (
              <span key={`${o.sector}:${o.ring}`}>
                {i > 0 && ', '}
                {label(DOMAINS[o.sector])} · {label(RADAR_RINGS[o.ring])} <strong>+{o.ids.length}</strong>
              </span>
            ))}
            . They are in the list; filter the radar{compact ? ' or turn the phone' : ''} to see them on the chart.
          </p>
        )}
        {tipBlip && tipTech && (
          <div
            role="tooltip"
            className="pointer-events-none absolute z-10 -translate-x-1/2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800"
            style={{
              width: TOOLTIP_WIDTH,
              left: tipLeft,
              ...(tipBelow ? { top: tipBlip.y + tipBlip.r + 8 } : { bottom: size - tipBlip.y + tipBlip.r + 8 }),
            }}
          >
            <p className="font-semibold wrap-anywhere text-slate-900 dark:text-white">
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
    </div>
  );
}

// The number of each technology on the chart (the same at every chart width).
export function useBlipNumbers(technologies: Technology[]) {
  return useMemo(() => radarNumbers(technologies), [technologies]);
}
