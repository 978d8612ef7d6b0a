import { describe, expect, it } from 'vitest';
import { describeRows, parseCsvRecords, parseTechnologyRows } from './technologyRows';

describe('parseTechnologyRows: CSV', () => {
  it('reads the header as field names and converts cells to the field types, leaving empty cells out', () => {
    const csv = 'Title, domain ,priority,relevance_score,latency_ms,tags,dependencies\nJUCE,audio-dsp,5,90,0.5,"cpp, audio",\nFaust,,3,,,,"{""1"": ""requires""}"\n';
    expect(parseTechnologyRows(csv)).toEqual({
      ok: true,
      format: 'csv',
      rows: [
        { title: 'JUCE', domain: 'audio-dsp', priority: 5, relevance_score: 90, latency_ms: 0.5, tags: 'cpp, audio' },
        { title: 'Faust', priority: 3, dependencies: { 1: 'requires' } },
      ],
    });
  });

  it('keeps text that does not convert, so that the import reports the field', () => {
    const result = parseTechnologyRows('title,priority\nRust,high');
    expect(result).toMatchObject({ ok: true, rows: [{ title: 'Rust', priority: 'high' }] });
  });

  it('reads quoted cells with commas, quotes and newlines; CRLF; a BOM; blank lines', () => {
    const csv = '\uFEFFtitle,description\r\n"Web MIDI","Says ""hello"",\r\nthen goodbye"\r\n\r\nRust,x\r\n';
    expect(parseTechnologyRows(csv)).toMatchObject({ ok: true, rows: [{ title: 'Web MIDI', description: 'Says "hello",\r\nthen goodbye' }, { title: 'Rust', description: 'x' }] });
  });

  it('refuses what the server would refuse, saying why', () => {
    expect(parseTechnologyRows('name,domain\nJUCE,other')).toMatchObject({ ok: false, error: expect.stringContaining("Unknown column 'name'") });
    expect(parseTechnologyRows('domain\nother')).toMatchObject({ ok: false, error: "The CSV header has no 'title' column" });
    expect(parseTechnologyRows('title,domain\n')).toMatchObject({ ok: false, error: 'The CSV has a header but no rows' });
    expect(parseTechnologyRows('title\nJUCE,extra')).toMatchObject({ ok: false, error: 'Row 1 has 2 cells but the header names 1 fields' });
    expect(parseTechnologyRows('title\n"JUCE')).toMatchObject({ ok: false, error: expect.stringContaining('never closed') });
    expect(parseTechnologyRows('   \n')).toMatchObject({ ok: false, error: 'Nothing to import: choose a file or paste rows' });
  });

  it('refuses more than 10,000 rows', () => {
    const csv = `title\n${Array.from({ length: 10_001 }, (_, i) => `T${i}`).join('\n')}`;
    expect(parseTechnologyRows(csv)).toMatchObject({ ok: false, error: expect.stringContaining('At most 10,000 rows') });
  });
});

describe('parseTechnologyRows: JSON', () => {
  it('reads an array of objects, or an object with a technologies array', () => {
    expect(parseTechnologyRows('[{"title": "JUCE", "priority": 5}]')).toEqual({ ok: true, format: 'json', rows: [{ title: 'JUCE', priority: 5 }] });
    expect(parseTechnologyRows('{"technologies": [{"title": "Faust"}]}')).toMatchObject({ ok: true, rows: [{ title: 'Faust' }] });
  });

  it('takes the format from the file name before the text', () => {
    expect(parseTechnologyRows('[x]', 'radar.csv')).toMatchObject({ ok: false, error: expect.stringContaining('Unknown column') });
    expect(parseTechnologyRows('title\nJUCE', 'radar.json')).toMatchObject({ ok: false, error: expect.stringContaining('Not valid JSON') });
  });

  it('says what is wrong with JSON that holds no technologies', () => {
    expect(parseTechnologyRows('{"technologies": []}')).toMatchObject({ ok: false, error: 'The JSON holds no technologies' });
    expect(parseTechnologyRows('{"rows": []}')).toMatchObject({ ok: false, error: "A JSON object must hold a 'technologies' array" });
    expect(parseTechnologyRows('[{"title": "A"}, "B"]')).toMatchObject({ ok: false, error: expect.stringContaining('Technology 2 is not an object') });
    expect(parseTechnologyRows('{"title": ')).toMatchObject({ ok: false, error: expect.stringContaining('Not valid JSON') });
  });
});

describe('parseCsvRecords', () => {
  it('refuses a quote inside an unquoted cell and text after a closing quote', () => {
    expect(parseCsvRecords('a,b"c')).toEqual({ error: 'line 1: a quote may only start a cell' });
    expect(parseCsvRecords('a\n"b"c')).toEqual({ error: 'line 2: a closing quote must end its cell' });
    expect(parseCsvRecords('"a" ,b')).toEqual([['a', 'b']]);
  });
});

describe('describeRows', () => {
  it('names the first rows and counts the rest', () => {
    expect(describeRows([{ title: 'JUCE' }])).toBe('JUCE');
    expect(describeRows([{ title: 'JUCE' }, { title: 'Faust' }])).toBe('JUCE and Faust');
    expect(describeRows([{ title: 'A' }, {}, { title: 'C' }, { title: 'D' }, { title: 'E' }])).toBe('A, row 2 (no title), C and 2 more');
  });
});
