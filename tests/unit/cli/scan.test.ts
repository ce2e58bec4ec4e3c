/** The scan CLI as people run it: the real script, spawned with tsx, over real files in a temporary folder. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../../lib/documents/csv';
import { layoutPdf, makeCompoundFile, makeDocx, makeOdt, makePdf, makeXlsx, makeZip } from '../../support/documents';

const ROOT = new URL('../../../', import.meta.url).pathname;
let dir: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scan(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Run {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, ['--import', 'tsx', 'cli/scan.ts', ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CI: '', npm_lifecycle_event: '', ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vendorwatch-cli-'));
  file(
    'lot-1.html',
    '<!doctype html><html><body><h1>Lot 1: CCTV</h1><table><tr><td>Supply of <b>Hik</b>vision DS-2CD2143G2-I cameras</td></tr>' +
      '<tr><td>Axis P3245 cameras</td></tr></table></body></html>',
  );
  file('boq.csv', 'item,description,qty\n1,"Dahua NVR, 16 channel",2\n2,"Bosch FLEXIDOME, ""5000i""",4\n');
  file('catalogue.json', JSON.stringify({ items: [{ supplier: 'Quectel', product: 'EC25 LTE module' }] }));
  file('notice.txt', 'Tender for network cameras.\nNo brand preference.\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan CLI: output', () => {
  it('prints JSON by default: one record per finding with the contract fields, for HTML, CSV, JSON and text', () => {
    const run = scan([
      join(dir, 'lot-1.html'),
      join(dir, 'boq.csv'),
      join(dir, 'catalogue.json'),
      join(dir, 'notice.txt'),
    ]);
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['file', 'vendor', 'vendorName', 'evidence', 'kind']));
      expect(typeof row.confidence).toBe('number');
      expect(Array.isArray(row.measures)).toBe(true);
    }
    const byFile = (name: string) => rows.filter((r) => r.file === join(dir, name));
    // The name split across <b> still matches, and the model code too; the Axis line does not.
    expect(byFile('lot-1.html').map((r) => [r.vendor, r.kind, r.evidence])).toEqual([
      ['hikvision', 'name', 'Hikvision'],
      ['hikvision', 'model', 'DS-2CD2143G2-I'],
    ]);
    expect(byFile('boq.csv').map((r) => r.vendor)).toEqual(['dahua']);
    expect(byFile('catalogue.json').map((r) => r.vendor)).toContain('quectel');
    expect(byFile('notice.txt')).toEqual([]);
    expect((byFile('lot-1.html')[0]!.measures as string[]).length).toBeGreaterThan(0);
  });

  it('prints CSV with --format csv: a header, quoted fields, measures space-separated', () => {
    const run = scan(['--format', 'csv', join(dir, 'lot-1.html'), join(dir, 'boq.csv')]);
    expect(run.status).toBe(0);
    const [header, ...rows] = csvRows(run.stdout.trimEnd());
    expect(header).toEqual([
      'file',
      'location',
      'vendor',
      'vendorName',
      'evidence',
      'kind',
      'confidence',
      'verdict',
      'brand',
      'measures',
      'block',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r[2])).toEqual(['hikvision', 'hikvision', 'dahua']);
    expect(rows.map((r) => r[1])).toEqual(['line 1', 'line 1', 'B2']);
    expect(rows[0]![9]).toMatch(/^[a-z0-9-]+( [a-z0-9-]+)*$/);
    expect(rows[0]![6]).toBe('1');
  });

  it('refuses an unknown format with status 2 and the usage', () => {
    const run = scan(['--format', 'xml', join(dir, 'notice.txt')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown format "xml"/);
    expect(run.stdout).toBe('');
  });

  it('reads standard input for -, sniffing the format', () => {
    const run = scan(['-'], { input: '<html><body><p>Quote: 4 x Dahua IPC-HFW2431S</p></body></html>' });
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ file: string; vendor: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.file === '(stdin)' && r.vendor === 'dahua')).toBe(true);
    expect(run.stderr).toMatch(/^\(stdin\): \d+ findings? \(Dahua Technology\); read 1 line$/m);
  });

  it('reads UTF-16 text with a byte-order mark (Excel "Unicode text")', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('supplier\tproduct\nHikvision\tNVR\n', 'utf16le'),
    ]);
    const run = scan([file('export.txt', utf16)]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ vendor: string }>).map((r) => r.vendor)).toEqual(['hikvision']);
  });
});

describe('scan CLI: mentions', () => {
  it('gives an accessory that names a vendor only as what it fits the verdict mention, and counts it in the summary', () => {
    const text =
      'Waterproof Junction Box Compatible with Hikvision Turret Cameras\nHikvision DS-2CD2143G2-I dome camera\n';
    const run = scan(['-'], { input: text });
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ evidence: string; verdict: string; location: string }>;
    expect(rows.map((r) => `${r.location} ${r.evidence} ${r.verdict}`)).toEqual([
      'line 1 Hikvision mention',
      'line 2 Hikvision listed-vendor',
      'line 2 DS-2CD2143G2-I listed-vendor',
    ]);
    expect(run.stderr).toMatch(/: 3 findings \(Hikvision; 1 mention\); read /);
  });
});

describe('scan CLI: exit status and messages', () => {
  it('writes one summary line per file on standard error, and nothing else there in a pipe', () => {
    const run = scan([join(dir, 'lot-1.html'), join(dir, 'notice.txt'), join(dir, 'boq.csv')]);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `${join(dir, 'lot-1.html')}: 2 findings (Hikvision); read 1 line`,
      `${join(dir, 'notice.txt')}: 0 findings; read 3 lines`,
      `${join(dir, 'boq.csv')}: 1 finding (Dahua Technology); read 3 rows`,
    ]);
    // Not a terminal: no progress bar, no carriage returns or escape sequences anywhere.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(run.stderr + run.stdout).not.toMatch(/[\r\x1b\x00-\x08\x0b\x0c\x0e-\x1f]/);
  });

  it('exits 1 with --fail-on-findings when anything is found, 0 when nothing is', () => {
    expect(scan(['--fail-on-findings', join(dir, 'lot-1.html')]).status).toBe(1);
    expect(scan(['--fail-on-findings', join(dir, 'notice.txt')]).status).toBe(0);
  });

  it('exits 2 for an unreadable file, with a human message, and still prints the findings of the others', () => {
    const missing = join(dir, 'tenders', 'x.html');
    const run = scan([missing, join(dir, 'lot-1.html')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`scan: cannot read ${missing}: no such file\n`);
    expect(run.stderr).not.toMatch(/ENOENT/);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(2);
  });

  it('scans a folder recursively: supported files in name order, hidden files and images left out', () => {
    const folder = join(dir, 'pack');
    mkdirSync(join(folder, 'lot-2', 'page_files'), { recursive: true });
    mkdirSync(join(folder, '.git'), { recursive: true });
    writeFileSync(join(folder, 'b-notice.txt'), 'Hikvision cameras\n');
    writeFileSync(join(folder, 'a-boq.csv'), 'Dahua,NVR\n');
    writeFileSync(join(folder, 'lot-2', 'page.htm'), '<p>Quectel EC25</p>');
    writeFileSync(join(folder, 'lot-2', 'page_files', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    writeFileSync(join(folder, 'lot-2', 'page_files', 'app.js'), 'var Hikvision = 1;');
    writeFileSync(join(folder, '.git', 'notes.txt'), 'Huawei');
    const run = scan([folder]);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/EISDIR/);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `${join(folder, 'a-boq.csv')}: 1 finding (Dahua Technology); read 1 row`,
      `${join(folder, 'b-notice.txt')}: 1 finding (Hikvision); read 2 lines`,
      `${join(folder, 'lot-2', 'page.htm')}: 2 findings (Quectel); read 1 line`,
    ]);
  });

  it('reports an empty folder rather than succeeding quietly', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const run = scan([empty]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `scan: cannot read ${empty}: no documents in this folder (PDF, Word, Excel, PowerPoint, OpenDocument, ZIP, HTML, text, CSV or JSON)`,
    );
  });

  it('reads a folder of PDF, Word, Excel and a ZIP pack: every record has a location, the summary says what was read', () => {
    const folder = join(dir, 'tender');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'spec.pdf'),
      layoutPdf(['Cameras: Dahua IPC-HFW2431S', ['Item', 'Make'], ['1', 'Hikvision']]),
    );
    writeFileSync(join(folder, 'spec.docx'), makeDocx(['Radios: Hytera PD785']));
    writeFileSync(
      join(folder, 'boq.xlsx'),
      makeXlsx({
        BoQ: [
          ['Item', 'Manufacturer', 'Model'],
          [1, 'Quectel', 'EC25-E'],
        ],
      }),
    );
    writeFileSync(
      join(folder, 'pack.zip'),
      makeZip({ 'Lot 2/notes.odt': makeOdt(['Core: Huawei']), 'Lot 2/plan.png': 'x' }),
    );
    const run = scan(['--format', 'json', folder]);
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ file: string; location: string; evidence: string }>;
    expect(rows.every((row) => row.location !== '')).toBe(true);
    expect(rows.map((r) => `${r.file.slice(folder.length + 1)} @ ${r.location}: ${r.evidence}`)).toEqual(
      expect.arrayContaining([
        'boq.xlsx @ BoQ!B2: Quectel',
        'pack.zip/Lot 2/notes.odt @ paragraph 1: Huawei',
        'spec.docx @ paragraph 1: Hytera',
        'spec.docx @ paragraph 1: PD785',
        'spec.pdf @ page 1: Dahua',
        'spec.pdf @ page 1: Hikvision',
      ]),
    );
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `${join(folder, 'boq.xlsx')}: 2 findings (Quectel); read 1 sheet, 2 rows`,
      `${join(folder, 'pack.zip')}/Lot 2/notes.odt: 1 finding (Huawei); read 1 paragraph`,
      `${join(folder, 'pack.zip')}: 1 entry read`,
      `${join(folder, 'pack.zip')}: 1 other file (images, drawings...) not read`,
      `${join(folder, 'spec.docx')}: 2 findings (Hytera); read 1 paragraph`,
      expect.stringMatching(/spec\.pdf: \d+ findings \(Dahua Technology, Hikvision\); read 1 page$/),
    ]);
    const csv = scan(['--format', 'csv', join(folder, 'boq.xlsx')]);
    expect(csvRows(csv.stdout)[0]!.slice(0, 3)).toEqual(['file', 'location', 'vendor']);
    expect(csvRows(csv.stdout)[1]![1]).toBe('BoQ!B2');
  }, 120_000);

  it('skips what cannot be read with a one-line reason and status 2, and still prints the findings of the rest', () => {
    const pdf = file('scanned.pdf', Buffer.from(makePdf([[]], { imageOnly: true })));
    const locked = file('locked.pdf', Buffer.from(makePdf([[{ x: 9, y: 9, text: 'Dahua' }]], { encrypted: true })));
    const doc = file('legacy.doc', Buffer.from(makeCompoundFile()));
    const png = file('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    // A binary file with a text extension is caught by its NUL bytes.
    const disguised = file('disguised.txt', Buffer.from([0x48, 0x69, 0x6b, 0x00, 0x01, 0x02, 0x00]));
    const run = scan([pdf, locked, doc, png, disguised, join(dir, 'lot-1.html')]);
    expect(run.status).toBe(2);
    const lines = run.stderr.split('\n');
    expect(lines).toContain(
      `${pdf}: skipped: no text layer: scanned image; run text recognition (OCR) on it and scan the result`,
    );
    expect(lines).toContain(
      `${locked}: skipped: encrypted (password-protected PDF); remove the password and try again`,
    );
    expect(lines).toContain(
      `${doc}: skipped: Word 97-2003 (.doc) is a legacy format; open it in Office or LibreOffice and save as .docx`,
    );
    expect(lines).toContain(`${png}: skipped: PNG images have no text to scan`);
    expect(lines.find((l) => l.startsWith(disguised))).toMatch(/: skipped: binary file/);
    expect(run.stderr).not.toMatch(/scanned\.pdf: 0 findings/);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(2);
  }, 120_000);
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs the shell `command` on a pseudo-terminal (script(1)), with the progress bar's delay off. */
const onTerminal = (command: string) =>
  spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    input: '',
    encoding: 'utf8',
    env: { ...process.env, CI: '', TERM: 'xterm', VENDORWATCH_PROGRESS_DELAY_MS: '0' },
    timeout: 60_000,
  });

describe.skipIf(!hasScript)('scan CLI: on a terminal (pseudo-terminal via script(1))', () => {
  it('draws the progress bar before each file and erases it before every summary line', () => {
    const files = ['lot-1.html', 'notice.txt', 'boq.csv'].map((name) => join(dir, name));
    const command = [process.execPath, '--import', 'tsx', 'cli/scan.ts', '--format', 'csv', ...files]
      .map((part) => `'${part}'`)
      .join(' ');
    const result = onTerminal(command);
    expect(result.status).toBe(0);
    const output = result.stdout.replace(/\r\n/g, '\n');
    expect(output).toContain('\r\x1b[K[');
    expect(output).toMatch(/\[[#.]{20}\] 1\/3 /);
    for (const name of files) {
      // Every summary line starts on a cleared line: never glued to the bar.
      const summary = new RegExp(`\\r\\x1b\\[K${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\d+ findings?`);
      expect(output).toMatch(summary);
    }
    // Once the findings are printed the bar is gone: the CSV starts on a clean line and holds no control characters.
    const csv = output.slice(output.indexOf('file,location,vendor,'));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(csv).not.toMatch(/[\r\x1b]/);
    expect(output.slice(0, output.indexOf('file,location,vendor,')).endsWith('\n')).toBe(true);
  });

  it('draws no bar when standard output is redirected, even on a terminal', () => {
    const out = join(dir, 'redirected.json');
    const command = `'${process.execPath}' --import tsx cli/scan.ts '${join(dir, 'lot-1.html')}' '${join(dir, 'boq.csv')}' > '${out}'`;
    const result = onTerminal(command);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('lot-1.html: 2 findings');
    expect(result.stdout).not.toContain('\x1b[K');
  });
});
