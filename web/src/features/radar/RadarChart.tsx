import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Domain, Technology } from '@/api/types';
import { DOMAINS } from '@/api/types';
import { label } from '@/lib/format';
import { DOMAIN_COLOR, relevanceBand } from '@/lib/palette';
import { Button } from '@/components/ui/Button';
import { MAX_SIZE, MIN_SIZE, chartOptions } from './chartOptions';
import { RADAR_RINGS, cellPath, layoutRadar, polar, radarNumbers, type Blip, type RadarLayout } from './radarLayout';

interface RadarChartProps {
  technologies: Technology[];
  // The sectors to draw, in the usual order (a domain filter draws only the chosen domains); all by default.
  domains?: readonly Domain[];
  moved: ReadonlySet<number>;
  selectedId: number | null;
  highlightedId: number | null;
  onSelect: (id: number | null) => void;
  onHighlight: (id: number | null) => void;
  // Offered when a crowded domain makes the blips small: draw that domain alone.
  onShowDomain?: (domain: Domain) => void;
}

// Without a measured width (tests, the first render before layout) the chart assumes this one.
const FALLBACK_SIZE = 800;
const TOOLTIP_WIDTH = 224;
// Below this base radius the note says that the blips are small, and why.
const SMALL_BASE = 5;

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

// An arc from angle a0 to a1 (clockwise), or back from a1 to a0: text on it then reads left to right at
// the bottom of the circle too.
function arcPath(center: number, r: number, a0: number, a1: number, reverse: boolean): string {
  const from = polar(center, r, reverse ? a1 : a0);
  const to = polar(center, r, reverse ? a0 : a1);
  const f = (n: number) => n.toFixed(2);
  return `M${f(from.x)},${f(from.y)} A${f(r)},${f(r)} 0 0 ${reverse ? 0 : 1} ${f(to.x)},${f(to.y)}`;
}

// The font of the number inside a blip, when it fits there at a legible size. A chart shows numbers in all of
// its blips or in none (the tooltip and the list carry them too).
function numberFont(blip: Blip): number | null {
  const digits = String(blip.number).length;
  const font = blip.r * (digits > 2 ? 0.85 : 1.05);
  return font >= 7 && digits * 0.6 * font <= 1.9 * blip.r ? font : null;
}

export function RadarChart({ technologies, domains: shown, moved, selectedId, highlightedId, onSelect, onHighlight, onShowDomain }: RadarChartProps) {
  const [containerRef, width] = useWidth<HTMLDivElement>();
  const wanted = width > 0 ? Math.round(Math.min(MAX_SIZE, Math.max(MIN_SIZE, width))) : FALLBACK_SIZE;
  const domains = shown && shown.length ? DOMAINS.filter((d) => shown.includes(d)) : DOMAINS;
  const domainKey = domains.join(',');
  const { compact, domainFont, layout: options } = chartOptions(wanted, domains);
  const layout = useMemo(() => layoutRadar(technologies, options), [technologies, wanted, domainKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const byId = useMemo(() => new Map(technologies.map((t) => [t.id, t])), [technologies]);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const ids = useId();
  const { center, radius, ringRadii, sectorAngles, size } = layout;
  const whole = sectorAngles.length === 1;
  const numbered = useMemo(() => layout.blips.every((b) => numberFont(b) !== null), [layout]);
  // The tooltip follows whichever moved last: the keyboard focus or the pointer (here or in the list).
  const [lastInput, setLastInput] = useState<'focus' | 'pointer'>('pointer');
  useEffect(() => {
    if (highlightedId !== null) setLastInput('pointer');
  }, [highlightedId]);
  const tipId = lastInput === 'focus' ? (focusedId ?? highlightedId) : (highlightedId ?? focusedId);
  const tipBlip = tipId !== null ? layout.blips.find((b) => b.id === tipId) : undefined;
  const tipTech = tipBlip ? byId.get(tipBlip.id) : undefined;

  // Roving tabindex: the chart is one tab stop. It is the blip the keyboard was on last (so that Tab leaves the
  // chart from wherever the arrows took it, and Shift+Tab comes back there), else the selected blip, else the
  // first. Choosing another technology from outside the chart (the list, a link) makes that one the tab stop again.
  const [rovingId, setRovingId] = useState<number | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (!svgRef.current?.contains(document.activeElement)) setRovingId(null);
  }, [selectedId]);
  const drawn = (id: number | null) => id !== null && layout.blips.some((b) => b.id === id);
  const tabStopId = drawn(rovingId) ? rovingId : drawn(selectedId) ? selectedId : (layout.blips[0]?.id ?? null);

  function moveFocus(index: number) {
    const target = layout.blips[Math.max(0, Math.min(layout.blips.length - 1, index))];
    if (!target) return;
    setRovingId(target.id);
    svgRef.current?.querySelector<SVGGElement>(`[data-technology-id="${target.id}"]`)?.focus();
  }

  // The arrows walk the blips in reading order, the order of their numbers and of the list beside the chart:
  // sector by sector in the order of the domains, in each sector ring by ring from the centre outwards. Right and
  // Down go to the next blip, Left and Up to the previous one, stopping at either end; Home and End go to the first
  // and last.
  function onKey(e: KeyboardEvent, blip: Blip) {
    const index = layout.blips.findIndex((b) => b.id === blip.id);
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(blip.id === selectedId ? null : blip.id);
    } else if (e.key === 'Escape') {
      onSelect(null);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
      e.preventDefault();
      moveFocus(index + 1);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      e.preventDefault();
      moveFocus(index - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      moveFocus(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      moveFocus(layout.blips.length - 1);
    }
  }

  const tipLeft = tipBlip ? Math.min(size - TOOLTIP_WIDTH / 2, Math.max(TOOLTIP_WIDTH / 2, tipBlip.x)) : 0;
  const tipBelow = tipBlip ? tipBlip.y < size * 0.6 : true;

  const grown = size > wanted;
  return (
    <div ref={containerRef} className="w-full">
      <RadarNote layout={layout} grown={grown} onShowDomain={onShowDomain} />
      {/* At 1:1 always: a chart that had to grow beyond the width it has scrolls sideways in its own box. */}
      <div className={grown ? 'overflow-x-auto overscroll-x-contain' : undefined} data-testid="radar-scroller">
      <div className="relative mx-auto" style={{ width: size }}>
        <p id={`${ids}-keys`} className="sr-only">
          Use the arrow keys to move between technologies, Home and End for the first and last, Enter to select.
        </p>
        <svg
          ref={svgRef}
          viewBox={`0 0 ${size} ${size}`}
          width={size}
          height={size}
          className="block select-none"
          role="group"
          aria-label={`Technology radar with ${layout.blips.length} technologies${domains.length < DOMAINS.length ? ` in ${domains.map(label).join(', ')}` : ''}`}
          data-sectors={domains.length}
        >
          <title>Technology radar</title>
          {/* Rings, alternating shades; sector lines and ring edges on top. */}
          {[...ringRadii].reverse().map((r, i) => (
            <circle key={r} cx={center} cy={center} r={r} className={i % 2 === 0 ? 'fill-slate-100 dark:fill-slate-800/80' : 'fill-white dark:fill-slate-900'} />
          ))}
          {!whole &&
            sectorAngles.map((s, i) => {
              const end = polar(center, radius, s.start);
              return <line key={i} x1={center} y1={center} x2={end.x} y2={end.y} className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={1.5} />;
            })}
          {ringRadii.map((r) => (
            <circle key={r} cx={center} cy={center} r={r} className="fill-none stroke-slate-300 dark:stroke-slate-600" strokeWidth={1} />
          ))}
          {/* Domains: a coloured arc along the rim (the colour of the list beside the chart) and the name
              written along the circle, so that long names need no room at the sides. */}
          {sectorAngles.map((s, i) => {
            const domain = layout.domains[i];
            // A sector that is the whole circle (one domain shown) has its name along the top.
            const textArc = whole ? { start: -Math.PI, end: 0, mid: -Math.PI / 2 } : s;
            const bottom = Math.sin(textArc.mid) > 0.05;
            const pad = 4 / radius;
            const textRadius = radius + 9 + (bottom ? domainFont * 0.72 : 0);
            return (
              <g key={domain} data-testid="radar-sector" data-domain={domain}>
                {whole ? (
                  <circle cx={center} cy={center} r={radius + 2.5} fill="none" stroke={DOMAIN_COLOR[domain]} strokeWidth={3} aria-hidden />
                ) : (
                  <path d={arcPath(center, radius + 2.5, s.start + pad, s.end - pad, false)} fill="none" stroke={DOMAIN_COLOR[domain]} strokeWidth={3} strokeLinecap="round" aria-hidden />
                )}
                <path id={`${ids}-domain-${i}`} d={arcPath(center, textRadius, textArc.start, textArc.end, bottom)} fill="none" />
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
            const text = `${o.ids.length} more in ${label(layout.domains[o.sector])}, ${label(RADAR_RINGS[o.ring])}: ${names}`;
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
            const font = numbered ? numberFont(blip) : null;
            // Outline and "moved" ring scale with the blip, so that small neighbours are not covered.
            const outline = Math.min(1.5, Math.max(0.75, blip.r * 0.3));
            const ring = Math.min(2.5, Math.max(1, blip.hit - blip.r));
            return (
              <g
                key={blip.id}
                className="radar-blip"
                transform={`translate(${blip.x.toFixed(2)} ${blip.y.toFixed(2)})`}
                tabIndex={blip.id === tabStopId ? 0 : -1}
                role="button"
                aria-label={describe(t, isMoved)}
                aria-describedby={`${ids}-keys`}
                aria-pressed={blip.id === selectedId}
                data-technology-id={t.id}
                data-number={blip.number}
                data-testid="radar-blip"
                onClick={() => onSelect(blip.id === selectedId ? null : blip.id)}
                onKeyDown={(e) => onKey(e, blip)}
                onMouseEnter={() => onHighlight(blip.id)}
                onMouseLeave={() => onHighlight(null)}
                onFocus={() => {
                  setFocusedId(blip.id);
                  setRovingId(blip.id);
                  setLastInput('focus');
                }}
                onBlur={() => setFocusedId(null)}
              >
                {/* A larger transparent target for fingers and mice, as large as the neighbours leave room for; the
                    rings around a blip take no pointer, so that they never cover a neighbour. */}
                <circle r={blip.hit} className="fill-transparent" />
                <circle r={blip.r + Math.min(4, Math.max(2.5, blip.r * 0.6))} className="radar-focus pointer-events-none fill-none stroke-indigo-600 opacity-0 dark:stroke-indigo-300" strokeWidth={blip.r < 4 ? 2 : 2.5} />
                {isMoved && (
                  <circle r={blip.r + ring} className="pointer-events-none fill-none stroke-amber-600 dark:stroke-amber-400" strokeWidth={Math.min(2, ring)} strokeDasharray={blip.r < 4 ? undefined : '3 2'} data-moved />
                )}
                <circle
                  r={blip.r}
                  opacity={pending ? 0.5 : 1}
                  className={`${band.fill} ${active ? 'stroke-slate-900 dark:stroke-white' : 'stroke-white dark:stroke-slate-900'}`}
                  strokeWidth={active ? Math.max(outline, Math.min(2.5, blip.r * 0.6)) : outline}
                />
                {font !== null && (
                  <text textAnchor="middle" dominantBaseline="central" className={`pointer-events-none font-semibold ${band.text}`} fontSize={font}>
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
    </div>
  );
}

// What the chart had to do to draw every technology, and the one step that gives a crowded domain more room:
// drawing it alone. Nothing when the chart is roomy.
function RadarNote({ layout, grown, onShowDomain }: { layout: RadarLayout; grown: boolean; onShowDomain?: (domain: Domain) => void }) {
  const { crowded, domains, overflow } = layout;
  const small = layout.baseRadius < SMALL_BASE;
  if (!crowded || (!small && !grown && !layout.widened && !overflow.length)) return null;
  const domain = domains[crowded.sector];
  const missing = overflow.reduce((n, o) => n + o.ids.length, 0);
  return (
    <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-2 px-2 text-sm text-slate-700 dark:text-slate-300" data-testid="radar-note">
      <p className="min-w-0 flex-1 basis-64">
        {missing > 0 ? (
          <>
            <strong className="text-amber-900 dark:text-amber-200">{missing} technologies do not fit on the chart</strong> (
            {overflow.map((o, i) => (
              <span key={`${o.sector}:${o.ring}`}>
                {i > 0 && ', '}
                {label(domains[o.sector])} · {label(RADAR_RINGS[o.ring])} +{o.ids.length}
              </span>
            ))}
            ); they are in the list.
          </>
        ) : (
          <>
            All {layout.blips.length} technologies are drawn{small ? ', so the blips are small' : ''}; the fullest cell, {label(domain)} · {label(RADAR_RINGS[crowded.ring])}, holds{' '}
            {crowded.count}.
            {layout.widened && ` ${label(domain)} has a wider sector to hold them.`}
          </>
        )}
        {grown && ' The chart is wider than the screen: scroll it sideways.'}
      </p>
      {onShowDomain && domains.length > 1 && (
        <Button size="sm" onClick={() => onShowDomain(domain)}>
          Show only {label(domain)}
        </Button>
      )}
    </div>
  );
}

// The number of each technology on the chart (the same at every chart width).
export function useBlipNumbers(technologies: Technology[]) {
  return useMemo(() => radarNumbers(technologies), [technologies]);
}
