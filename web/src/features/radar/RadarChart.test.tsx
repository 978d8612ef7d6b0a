import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Technology } from '@/api/types';
import { RadarChart } from './RadarChart';

const techs = [
  { id: 1, title: 'JUCE', domain: 'audio-dsp', status: 'integrated', priority: 5, relevance_score: 90 },
  { id: 2, title: 'ONNX Runtime', domain: 'ai-ml', status: 'evaluation', priority: 4, relevance_score: 75 },
  { id: 3, title: 'Web MIDI', domain: 'music-theory', status: 'archived', priority: 1, relevance_score: 10 },
] as Technology[];

function Harness({ moved = new Set<number>() }: { moved?: Set<number> }) {
  const [selected, setSelected] = useState<number | null>(null);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  return (
    <>
      <RadarChart technologies={techs} moved={moved} selectedId={selected} highlightedId={highlighted} onSelect={setSelected} onHighlight={setHighlighted} />
      <output data-testid="selected">{selected ?? 'none'}</output>
    </>
  );
}

describe('RadarChart', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws one named, focusable blip per technology, and every domain and ring', () => {
    render(<Harness />);
    const radar = screen.getByRole('group', { name: 'Technology radar with 3 technologies' });
    const blips = within(radar).getAllByRole('button');
    expect(blips).toHaveLength(3);
    expect(blips.every((b) => b.getAttribute('tabindex') === '0')).toBe(true);
    expect(screen.getByRole('button', { name: 'JUCE: Integrated in Audio & DSP, priority 5, relevance 90' })).toBeInTheDocument();
    for (const name of ['Audio & DSP', 'AI / ML', 'Music theory', 'Performance', 'UI / UX', 'Infrastructure', 'Other', 'Integrated', 'Implementation', 'Archived']) {
      expect(within(radar).getByText(name)).toBeInTheDocument();
    }
  });

  it('selects with the keyboard and shows a tooltip on focus', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.tab();
    expect(screen.getByRole('tooltip')).toHaveTextContent('JUCE');
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('selected')).toHaveTextContent('1');
    expect(screen.getByRole('button', { name: /^JUCE/ })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('selected')).toHaveTextContent('none');
  });

  it('draws at the width it is given, up to a limit, and numbers blips the same at every width', () => {
    const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 358, height: 0 } as DOMRect);
    const { unmount } = render(<Harness />);
    const svg = screen.getByRole('group', { name: /Technology radar/ });
    expect(svg).toHaveAttribute('viewBox', '0 0 358 358');
    // Ring names are haloed text on a small chart, pills on a large one.
    expect(svg.querySelectorAll('rect')).toHaveLength(0);
    const small = screen.getAllByTestId('radar-blip').map((b) => b.getAttribute('data-number'));
    unmount();
    spy.mockReturnValue({ width: 2000, height: 0 } as DOMRect);
    render(<Harness />);
    expect(screen.getByRole('group', { name: /Technology radar/ })).toHaveAttribute('viewBox', '0 0 860 860');
    expect(screen.getByRole('group', { name: /Technology radar/ }).querySelectorAll('rect')).toHaveLength(6);
    expect(screen.getAllByTestId('radar-blip').map((b) => b.getAttribute('data-number'))).toEqual(small);
  });

  it('says how many a full cell could not draw, and which', () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 320, height: 0 } as DOMRect);
    const crowd = Array.from({ length: 60 }, (_, i) => ({ id: 100 + i, title: `Lib ${i}`, domain: 'other', status: 'integrated', priority: 3, relevance_score: 50 })) as Technology[];
    render(<RadarChart technologies={crowd} moved={new Set()} selectedId={null} highlightedId={null} onSelect={() => {}} onHighlight={() => {}} />);
    const drawn = screen.getAllByTestId('radar-blip').length;
    expect(drawn).toBeLessThan(60);
    const marker = screen.getByRole('img', { name: new RegExp(`^${60 - drawn} more in Other, Integrated: `) });
    expect(marker).toHaveTextContent(`+${60 - drawn}`);
    expect(screen.getByTestId('radar-overflow-note')).toHaveTextContent(`Other · Integrated +${60 - drawn}`);
  });

    it('marks technologies that moved recently', () => {
    render(<Harness moved={new Set([2])} />);
    expect(screen.getByRole('button', { name: /^ONNX Runtime: .*moved recently$/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^JUCE: / }).getAttribute('aria-label')).not.toMatch(/moved/);
  });
});
