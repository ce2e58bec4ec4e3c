/**
 * Reads the official machine-readable lists a maintainer downloads into one shape: entries with the name text the
 * authority printed and the date it gives. Pure (no file system), so tests feed it the committed extracts.
 *
 * - FCC Covered List: the table at fcc.gov/supplychain/coveredlist, saved as HTML or as CSV (two columns: the
 *   covered equipment or services, and the date of inclusion, "December 22, 2025Updated:January 7, 2026...").
 * - DoD section 1260H list: a CSV transcription with `Name`/`Clean Name` and `Start date` (and `End date`) columns,
 *   as OpenSanctions keeps one row per listing; or the PDF as text (`pdftotext -layout`), one line per entry, with
 *   the edition date given by the maintainer.
 * - US Consolidated Screening List, CSV or JSON (trade.gov): only its Entity List rows.
 */
import { Parser } from 'htmlparser2';

export type OfficialListKind = 'fcc-covered-list' | 'dod-1260h' | 'entity-list';

export interface OfficialEntry {
  /** The entry as the authority printed it (a name, or the FCC's covered equipment description). */
  text: string;
  /** First date the source gives for the entry (inclusion, start, listing), `YYYY-MM-DD`. */
  date?: string;
  /** Later dates the source gives (FCC "Updated:" dates). */
  updates: string[];
  /** True when the source marks the entry as ended (a removal date). */
  ended: boolean;
}

export interface OfficialList {
  kind: OfficialListKind;
  /** Which file, for messages. */
  file: string;
  entries: OfficialEntry[];
}

export class OfficialListError extends Error {}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Every date in a text, in order: `2026-06-08`, `June 8, 2026`, `8 June 2026`. */
export function datesIn(text: string): string[] {
  const found: Array<{ at: number; date: string }> = [];
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) found.push({ at: m.index, date: m[0] });
  for (const m of text.matchAll(/\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4})/g)) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase());
    if (month >= 0) found.push({ at: m.index, date: `${m[3]}-${pad(month + 1)}-${pad(Number(m[2]))}` });
  }
  for (const m of text.matchAll(/\b(\d{1,2}) ([A-Z][a-z]+) (\d{4})/g)) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase());
    if (month >= 0) found.push({ at: m.index, date: `${m[3]}-${pad(month + 1)}-${pad(Number(m[1]))}` });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.date);
}

/** RFC 4180 CSV with commas only (official lists put semicolons inside names and addresses). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** CSV rows as records keyed by the lower-cased header. */
function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const keys = header.map((h) => h.trim().toLowerCase());
  return rows.map((cells) => Object.fromEntries(keys.map((key, i) => [key, (cells[i] ?? '').trim()])));
}

/** The rows of every table in an HTML page, each as its cells' text. */
function htmlTableRows(html: string): string[][] {
  const rows: string[][] = [];
  let row: string[] | null = null;
  let cell: string[] | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'tr') row = [];
        else if ((name === 'td' || name === 'th') && row) cell = [];
        else if (name === 'br' && cell) cell.push(' ');
      },
      ontext(text) {
        cell?.push(text);
      },
      onclosetag(name) {
        if ((name === 'td' || name === 'th') && row && cell) {
          row.push(cell.join('').replace(/\s+/g, ' ').trim());
          cell = null;
        } else if (name === 'tr' && row) {
          if (row.length) rows.push(row);
          row = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return rows;
}

function fccEntries(rows: string[][]): OfficialEntry[] {
  return rows
    .filter((cells) => cells.length >= 2 && datesIn(cells[1]!).length > 0)
    .map((cells) => {
      const dates = datesIn(cells[1]!);
      return { text: cells[0]!, date: dates[0], updates: dates.slice(1), ended: false };
    });
}

const hasAll = (keys: string[], wanted: string[]) => wanted.every((w) => keys.includes(w));

/**
 * Recognises the file by its content and reads its entries. `edition` dates the entries of a DoD list read from
 * text (the PDF carries its date only in its address and the press release).
 */
export function readOfficialList(file: string, content: string, options: { edition?: string } = {}): OfficialList {
  const text = content.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    const rows = htmlTableRows(text);
    if (!rows.some((cells) => cells.some((c) => /date of inclusion/i.test(c))))
      throw new OfficialListError(`${file}: an HTML page without the FCC Covered List table ("Date of Inclusion")`);
    return { kind: 'fcc-covered-list', file, entries: fccEntries(rows) };
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return cslJson(file, text);
  const firstLine = trimmed.split(/\r?\n/, 1)[0]!.toLowerCase();
  if (firstLine.includes(',')) {
    const records = csvRecords(text);
    const keys = Object.keys(records[0] ?? {});
    if (keys.some((k) => k.includes('covered equipment') || k === 'covered_equipment_or_services'))
      return { kind: 'fcc-covered-list', file, entries: fccEntries(records.map((r) => Object.values(r))) };
    if (hasAll(keys, ['source', 'name']) && (keys.includes('entity_number') || keys.includes('programs')))
      return cslEntries(file, records);
    if ((keys.includes('clean name') || keys.includes('name')) && keys.includes('start date'))
      return {
        kind: 'dod-1260h',
        file,
        entries: records.map((r) => ({
          text: [r.name, r['clean name'], r.alias].filter(Boolean).join(' | '),
          date: datesIn(r['start date'] ?? '')[0],
          updates: [],
          ended: Boolean(r['end date']),
        })),
      };
    throw new OfficialListError(
      `${file}: a CSV file, but not the FCC Covered List, a DoD 1260H transcription or the Consolidated Screening List (columns: ${keys.slice(0, 6).join(', ')})`,
    );
  }
  if (/chinese military compan/i.test(text.slice(0, 4000))) {
    return {
      kind: 'dod-1260h',
      file,
      entries: text
        .split(/\r?\n/)
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter((line) => line.length > 3)
        .map((line) => ({ text: line, date: options.edition, updates: [], ended: false })),
    };
  }
  throw new OfficialListError(
    `${file}: not a list this check reads (FCC Covered List HTML or CSV, DoD 1260H CSV or PDF text, Consolidated Screening List CSV or JSON)`,
  );
}

const isEntityList = (source: string | undefined) => /entity list/i.test(source ?? '');

function cslEntries(file: string, records: Array<Record<string, string>>): OfficialList {
  const entries = records
    .filter((r) => isEntityList(r.source))
    .map((r) => ({
      text: [r.name, r.alt_names].filter(Boolean).join(' | '),
      date: datesIn(r.start_date ?? '')[0],
      updates: [],
      ended: Boolean(r.end_date),
    }));
  return { kind: 'entity-list', file, entries };
}

function cslJson(file: string, text: string): OfficialList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new OfficialListError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const results = Array.isArray(data) ? data : (data as { results?: unknown }).results;
  if (!Array.isArray(results))
    throw new OfficialListError(`${file}: JSON without a "results" array (the Consolidated Screening List format)`);
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const records = results
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    .map((r) => ({
      source: str(r.source),
      name: str(r.name),
      alt_names: Array.isArray(r.alt_names) ? r.alt_names.map(str).join('; ') : str(r.alt_names),
      start_date: str(r.start_date),
      end_date: str(r.end_date),
    }));
  return cslEntries(file, records);
}
