import { act, render, screen, within } from '@testing-library/react';
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
    // One tab stop for the whole chart: the first blip; the others take the focus from the arrow keys.
    expect(blips.map((b) => b.getAttribute('tabindex'))).toEqual(['0', '-1', '-1']);
    expect(blips[0]).toHaveAccessibleDescription('Use the arrow keys to move between technologies, Home and End for the first and last, Enter to select.');
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

  it('is one tab stop whose arrow keys, Home and End move between the blips in reading order', async () => {
    const user = userEvent.setup();
    render(
      <>
        <button>Before</button>
        <Harness />
        <button>After</button>
      </>,
    );
    const blip = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}:`) });
    const tabStops = () => screen.getAllByTestId('radar-blip').filter((b) => b.getAttribute('tabindex') === '0');
    expect(screen.getAllByTestId('radar-blip').map((b) => b.getAttribute('data-number'))).toEqual(['1', '2', '3']);
    await user.click(screen.getByRole('button', { name: 'Before' }));
    await user.tab();
    expect(blip('JUCE')).toHaveFocus();
    // Right and Down: the next blip; the tooltip follows the focus, and the focused blip is the only tab stop.
    await user.keyboard('{ArrowRight}');
    expect(blip('ONNX Runtime')).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent('ONNX Runtime');
    expect(tabStops()).toEqual([blip('ONNX Runtime')]);
    await user.keyboard('{ArrowDown}');
    expect(blip('Web MIDI')).toHaveFocus();
    // At the end it stays there.
    await user.keyboard('{ArrowRight}');
    expect(blip('Web MIDI')).toHaveFocus();
    // Left and Up: the previous one.
    await user.keyboard('{ArrowLeft}');
    expect(blip('ONNX Runtime')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(blip('JUCE')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(blip('JUCE')).toHaveFocus();
    await user.keyboard('{End}');
    expect(blip('Web MIDI')).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent('Web MIDI');
    await user.keyboard('{Home}');
    expect(blip('JUCE')).toHaveFocus();
    // Enter still selects the focused blip.
    await user.keyboard('{ArrowRight}{Enter}');
    expect(screen.getByTestId('selected')).toHaveTextContent('2');
    expect(blip('ONNX Runtime')).toHaveAttribute('aria-pressed', 'true');
    // One Tab leaves the chart, and Shift+Tab comes back to where the keyboard was.
    await user.tab();
    expect(screen.getByRole('button', { name: 'After' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(blip('ONNX Runtime')).toHaveFocus();
    // Space selects too; deselecting leaves the tab stop where the focus is.
    await user.keyboard('{ArrowRight} ');
    expect(screen.getByTestId('selected')).toHaveTextContent('3');
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('selected')).toHaveTextContent('none');
    expect(tabStops()).toEqual([blip('Web MIDI')]);
  });

  it('makes the selected blip the tab stop', () => {
    render(<RadarChart technologies={techs} moved={new Set()} selectedId={3} highlightedId={null} onSelect={() => {}} onHighlight={() => {}} />);
    expect(screen.getAllByTestId('radar-blip').filter((b) => b.getAttribute('tabindex') === '0')).toEqual([screen.getByRole('button', { name: /^Web MIDI:/ })]);
  });

  it('shows the details of whichever blip was pointed at or focused last', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.hover(screen.getByRole('button', { name: /^JUCE/ }));
    expect(screen.getByRole('tooltip')).toHaveTextContent('JUCE');
    // The pointer stays on JUCE while the keyboard moves on.
    act(() => screen.getByRole('button', { name: /^ONNX Runtime/ }).focus());
    expect(screen.getByRole('tooltip')).toHaveTextContent('ONNX Runtime');
    await user.hover(screen.getByRole('button', { name: /^Web MIDI/ }));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Web MIDI');
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

  it('draws every technology of a crowded cell as a focusable blip, and offers to show that domain alone', async () => {
    const user = userEvent.setup();
    // The width a 1280 px laptop gives the chart, beside the list.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 534, height: 0 } as DOMRect);
    const crowd = Array.from({ length: 300 }, (_, i) => ({ id: 100 + i, title: `Lib ${i}`, domain: 'ai-ml', status: 'integrated', priority: 1 + (i % 5), relevance_score: 50 })) as Technology[];
    const onShowDomain = vi.fn();
    render(<RadarChart technologies={[...techs, ...crowd]} moved={new Set()} selectedId={null} highlightedId={null} onSelect={() => {}} onHighlight={() => {}} onShowDomain={onShowDomain} />);
    const blips = screen.getAllByTestId('radar-blip');
    expect(blips).toHaveLength(303);
    expect(blips.filter((b) => b.getAttribute('tabindex') === '0')).toEqual([blips[0]]);
    expect(blips.every((b) => b.getAttribute('tabindex') === '0' || b.getAttribute('tabindex') === '-1')).toBe(true);
    expect(screen.getByRole('button', { name: /^Lib 299: Integrated in AI \/ ML/ })).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /more in/ })).toBeNull();
    // At 1:1, without scrolling: it fits the width it has.
    expect(screen.getByRole('group', { name: /Technology radar/ })).toHaveAttribute('viewBox', '0 0 534 534');
    const note = screen.getByTestId('radar-note');
    expect(note).toHaveTextContent('All 303 technologies are drawn, so the blips are small; the fullest cell, AI / ML · Integrated, holds 300.');
    expect(note).toHaveTextContent('AI / ML has a wider sector to hold them.');
    // A laptop is never told to turn the phone, nor to filter for blips that are all there.
    expect(note).not.toHaveTextContent(/phone|filter/i);
    await user.click(screen.getByRole('button', { name: 'Show only AI / ML' }));
    expect(onShowDomain).toHaveBeenCalledWith('ai-ml');
  });

  it('writes the number in every blip, or, where some would not fit, in none', () => {
    const numbersShown = () => screen.getAllByTestId('radar-blip').map((b) => b.querySelector('text')?.textContent ?? null);
    const { unmount } = render(<Harness />);
    expect(numbersShown().sort()).toEqual(['1', '2', '3']);
    unmount();
    // 150 of priority 1 to 5 in one domain: the priority-5 blips would have room for a number, the rest not.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 534, height: 0 } as DOMRect);
    const crowd = Array.from({ length: 150 }, (_, i) => ({ id: 100 + i, title: `Lib ${i}`, domain: 'ai-ml', status: 'integrated', priority: 1 + (i % 5), relevance_score: 50 })) as Technology[];
    render(<RadarChart technologies={crowd} domains={['ai-ml']} moved={new Set()} selectedId={null} highlightedId={null} onSelect={() => {}} onHighlight={() => {}} />);
    const radii = screen.getAllByTestId('radar-blip').map((b) => Number([...b.querySelectorAll('circle')].at(-1)!.getAttribute('r')));
    expect(Math.max(...radii)).toBeGreaterThan(Math.min(...radii));
    expect(numbersShown().every((n) => n === null)).toBe(true);
  });

  it('draws only the chosen domains, and a roomy radar has no note', () => {
    render(<RadarChart technologies={techs} domains={['ai-ml', 'audio-dsp']} moved={new Set()} selectedId={null} highlightedId={null} onSelect={() => {}} onHighlight={() => {}} onShowDomain={() => {}} />);
    const radar = screen.getByRole('group', { name: 'Technology radar with 2 technologies in Audio & DSP, AI / ML' });
    expect(within(radar).getAllByTestId('radar-sector').map((s) => s.getAttribute('data-domain'))).toEqual(['audio-dsp', 'ai-ml']);
    expect(within(radar).queryByText('Music theory')).toBeNull();
    expect(within(radar).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'JUCE: Integrated in Audio & DSP, priority 5, relevance 90',
      'ONNX Runtime: Evaluation in AI / ML, priority 4, relevance 75',
    ]);
    expect(screen.queryByTestId('radar-note')).toBeNull();
  });

  it('scrolls sideways in its own box, and says so, when even the smallest blips need a larger chart', () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 382, height: 0 } as DOMRect);
    const crowd = Array.from({ length: 450 }, (_, i) => ({ id: 100 + i, title: `Lib ${i}`, domain: 'other', status: 'integrated', priority: 3, relevance_score: 50 })) as Technology[];
    render(<RadarChart technologies={crowd} moved={new Set()} selectedId={null} highlightedId={null} onSelect={() => {}} onHighlight={() => {}} />);
    expect(screen.getAllByTestId('radar-blip')).toHaveLength(450);
    const size = Number(screen.getByRole('group', { name: /Technology radar/ }).getAttribute('width'));
    expect(size).toBeGreaterThan(382);
    expect(screen.getByTestId('radar-scroller')).toHaveClass('overflow-x-auto');
    expect(screen.getByTestId('radar-note')).toHaveTextContent('The chart is wider than the screen: scroll it sideways.');
    // Without a handler there is nothing to offer.
    expect(screen.queryByRole('button', { name: /Show only/ })).toBeNull();
  });

  it('marks technologies that moved recently', () => {
    render(<Harness moved={new Set([2])} />);
    expect(screen.getByRole('button', { name: /^ONNX Runtime: .*moved recently$/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^JUCE: / }).getAttribute('aria-label')).not.toMatch(/moved/);
  });
});
