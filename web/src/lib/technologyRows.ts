// Technologies to import, read in the browser from CSV or JSON text by the server's rules for import files
// (src/services/technology_file.cpp): a CSV's first row names technology fields, empty cells are left out,
// quoted cells may hold commas, quotes and newlines, cells become the field's type where they convert; JSON is an
// array of objects or {"technologies": [...]}. Each row is then checked by the import job itself, which reports
// a bad row as failed and imports the others.

export const MAX_IMPORT_ROWS = 10_000;

type Kind = 'text' | 'integer' | 'number' | 'object';

// Every field a technology row may have, with the type a CSV cell is converted to (docs/API.md, Technologies).
export const TECHNOLOGY_FIELDS: Record<string, Kind> = {
  title: 'text',
  vendor: 'text',
  domain: 'text',
  status: 'text',
  relevance_score: 'integer',
  priority: 'integer',
  description: 'text',
  notes: 'text',
  use_cases: 'text',
  documentation_url: 'text',
  repository_url: 'text',
  website_url: 'text',
  tags: 'text',
  latency_ms: 'number',
  throughput_qps: 'integer',
  integration_difficulty: 'text',
  integration_time_estimate_days: 'integer',
  maturity_level: 'text',
  stability_score: 'integer',
  cost_tier: 'text',
  cost_monthly_usd: 'number',
  dependencies: 'object',
  alternatives: 'text',
  last_hn_mention: 'text',
  hn_score_avg: 'integer',
  github_stars: 'integer',
  github_last_commit: 'text',
  reason: 'text',
};

export type TechnologyRow = Record<string, unknown>;
export type RowsResult = { ok: true; rows: TechnologyRow[]; format: 'csv' | 'json' } | { ok: false; error: string };

// A cell as the field's type; text that does not convert stays text, so that the import names the problem.
function cellValue(kind: Kind | undefined, text: string): unknown {
  if (kind === 'integer' && /^-?\d+$/.test(text)) return Number(text);
  if (kind === 'number' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (kind === 'object') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

// RFC 4180: fields separated by commas, rows by CRLF or LF; a quoted field may hold both and "" for a quote.
export function parseCsvRecords(text: string): string[][] | { error: string } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        while (text[i] === ' ' || text[i] === '\t') i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return { error: `line ${line}: a closing quote must end its cell` };
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '') return { error: `line ${line}: a quote may only start a cell` };
      field = '';
      quoted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) return { error: 'a quoted cell is never closed' };
  if (field !== '' || record.length) endRecord();
  return records;
}

function parseCsv(text: string): RowsResult {
  const records = parseCsvRecords(text);
  if ('error' in records) return { ok: false, error: `Not valid CSV: ${records.error}` };
  if (!records.length) return { ok: false, error: 'The CSV is empty; its first row must name the fields' };
  const header = records[0].map((h) => h.trim().toLowerCase());
  const unknown = header.find((h) => !(h in TECHNOLOGY_FIELDS));
  if (unknown !== undefined)
    return { ok: false, error: `Unknown column '${unknown}'; columns are named after technology fields: ${Object.keys(TECHNOLOGY_FIELDS).filter((f) => f !== 'reason').join(', ')}` };
  if (!header.includes('title')) return { ok: false, error: "The CSV header has no 'title' column" };
  const rows: TechnologyRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r];
    if (cells.length === 1 && cells[0].trim() === '') continue; // a blank line
    if (cells.length > header.length) return { ok: false, error: `Row ${r} has ${cells.length} cells but the header names ${header.length} fields` };
    const row: TechnologyRow = {};
    cells.forEach((cell, c) => {
      const value = cell.trim();
      if (value !== '') row[header[c]] = cellValue(TECHNOLOGY_FIELDS[header[c]], value);
    });
    rows.push(row);
  }
  if (!rows.length) return { ok: false, error: 'The CSV has a header but no rows' };
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, error: `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows per import; this has ${rows.length.toLocaleString('en')}` };
  return { ok: true, rows, format: 'csv' };
}

function parseJson(text: string): RowsResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const inner = (value as { technologies?: unknown }).technologies;
    if (!Array.isArray(inner)) return { ok: false, error: "A JSON object must hold a 'technologies' array" };
    value = inner;
  }
  if (!Array.isArray(value)) return { ok: false, error: 'The JSON must be an array of technologies, or an object with a technologies array' };
  if (!value.length) return { ok: false, error: 'The JSON holds no technologies' };
  if (value.length > MAX_IMPORT_ROWS) return { ok: false, error: `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows per import; this has ${value.length.toLocaleString('en')}` };
  const notObject = value.findIndex((v) => !v || typeof v !== 'object' || Array.isArray(v));
  if (notObject >= 0) return { ok: false, error: `Technology ${notObject + 1} is not an object of fields, such as {"title": "JUCE", "domain": "audio-dsp"}` };
  return { ok: true, rows: value as TechnologyRow[], format: 'json' };
}

// CSV or JSON text (a file's, or pasted) as rows. The format comes from the file name when there is one,
// otherwise from the text: JSON starts with [ or {.
export function parseTechnologyRows(text: string, fileName?: string): RowsResult {
  const content = text.replace(/^\uFEFF/, ''); // a BOM, as spreadsheets write
  if (!content.trim()) return { ok: false, error: 'Nothing to import: choose a file or paste rows' };
  const name = fileName?.toLowerCase() ?? '';
  const json = name.endsWith('.json') || (!name.endsWith('.csv') && /^\s*[[{]/.test(content));
  return json ? parseJson(content) : parseCsv(content);
}

// "JUCE, ONNX Runtime and 3 more": what the rows are, in a line.
export function describeRows(rows: TechnologyRow[], shown = 3): string {
  const titles = rows.slice(0, shown).map((r, i) => (typeof r.title === 'string' && r.title.trim() ? r.title.trim() : `row ${i + 1} (no title)`));
  const more = rows.length - titles.length;
  if (more > 0) return `${titles.join(', ')} and ${more.toLocaleString('en')} more`;
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

// A chosen file's text, as UTF-8 (FileReader: every browser, and jsdom in the tests).
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file, 'utf-8');
  });
}
