// How the radar chart is drawn at a given width: the type sizes and the layout options it passes to
// layoutRadar. Kept apart from the component so that the layout tests use exactly what the chart draws.
import { DOMAINS, type Domain } from '@/api/types';
import { label } from '@/lib/format';
import { RADAR_RINGS, type RadarOptions } from './radarLayout';

// The chart draws at 1:1 for the width it gets (so text and blips keep their pixel size on every screen),
// from a phone up to MAX_SIZE; below COMPACT it uses smaller type and lighter ring labels.
export const MAX_SIZE = 860;
export const MIN_SIZE = 300;
export const COMPACT = 560;
// When even the smallest blips do not fit, the chart may grow up to this and scroll sideways in its box.
export const GROW_LIMIT = 1600;
export const RING_TEXT = RADAR_RINGS.map((r) => label(r));

export function chartOptions(size: number, domains?: readonly Domain[]): { compact: boolean; domainFont: number; layout: RadarOptions } {
  const compact = size < COMPACT;
  const domainFont = compact ? 11.5 : 13.5;
  return {
    compact,
    domainFont,
    layout: {
      size,
      maxSize: GROW_LIMIT,
      margin: Math.round(domainFont + 16),
      domains,
      sectorLabels: (domains ?? DOMAINS).map((d) => label(d)),
      sectorLabelFont: domainFont,
      ringLabels: RING_TEXT,
      ringLabelFont: compact ? 9.5 : 11,
      ringLabelPadding: compact ? 2 : 8,
    },
  };
}
