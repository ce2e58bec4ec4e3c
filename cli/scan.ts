/**
 * `npm run scan -- <file>...`: scans tender documents (PDF, Word, Excel, PowerPoint, OpenDocument, ZIP packs), saved
 * shop pages, text, CSV exports and JSON with the same engine and the same document reader as the extension, and
 * prints one record per finding with where it was found. Nothing leaves the machine.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { csvField } from '../lib/documents/index';
import { readDocument } from '../lib/documents/read';
import { type ScanRow, scanBlocks } from '../lib/documents/scan';
import { createEngine, type Sensitivity } from '../lib/engine/index';
import { errorMessage } from '../lib/error-message';
import { loadWatchlist } from '../lib/watchlist/index';
import { describeError, expandInputs, readBytes } from './inputs';
import { nodePdfData } from './pdf-data';
import { createReporter } from './progress';

const USAGE = `Usage: npm run -s scan -- [options] <file or folder>... (use - for standard input)

Scans documents for restricted technology vendors, brands and model numbers, and prints one record
per finding (with its file and location: "page 4", "Sheet1!B12", "paragraph 31", "slide 3", "line 12")
on standard output. Reads PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt
.ods .odp), ZIP packs (recursively), HTML, text, CSV and JSON. A folder is scanned recursively. A
summary line per file goes to standard error, with a progress bar on long runs when both outputs are
a terminal.

Options:
  --format json|csv        output format (default: json)
  --sensitivity strict|balanced|broad   (default: balanced)
  --watchlist <file>       use this watchlist instead of public/watchlist.json
  --fail-on-findings       exit with status 1 when anything is found (for CI pipelines)
  -h, --help               show this help

Exit status: 0 done, 1 findings with --fail-on-findings, 2 a file could not be read or scanned
(missing, unreadable, encrypted, corrupt, a scanned PDF with no text, a legacy .doc/.xls, an image...,
each skipped with a one-line reason) or bad usage.
The findings of the files that could be scanned are printed in every case.`;

const CSV_COLUMNS: Array<keyof ScanRow> = [
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
];

/**
 * "spec.pdf: 3 findings (Hikvision, Dahua); read 12 pages", "shop.html: 2 findings (Hikvision; 1 mention); read 9
 * lines" (mentions: accessories that name a vendor only as what they fit), or for a pack "pack.zip: read 5 entries".
 */
function summary(file: string, type: string, found: ScanRow[], extent: string): string {
  if (type === 'ZIP pack') return `${file}: ${extent}`;
  const vendors = [...new Set(found.map((r) => r.vendorName))];
  const mentions = found.filter((r) => r.verdict === 'mention').length;
  const details = [vendors.join(', '), mentions ? `${mentions} mention${mentions === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join('; ');
  const findings = `${found.length} finding${found.length === 1 ? '' : 's'}${details ? ` (${details})` : ''}`;
  return `${file}: ${findings}; read ${extent}`;
}

function usageError(message: string): never {
  process.stderr.write(`scan: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main() {
  // `npm run scan` runs this script in the project folder; read the files named relative to where it was typed.
  if (process.env.npm_lifecycle_event === 'scan' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'json' },
        sensitivity: { type: 'string', default: 'balanced' },
        watchlist: { type: 'string' },
        'fail-on-findings': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    usageError(errorMessage(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) usageError('no files given');
  const format = values.format as string;
  if (format !== 'json' && format !== 'csv') usageError(`unknown format "${format}" (use json or csv)`);
  const sensitivity = values.sensitivity as Sensitivity;
  if (!['strict', 'balanced', 'broad'].includes(sensitivity)) usageError(`unknown sensitivity "${sensitivity}"`);

  const listPath = resolve(
    (values.watchlist as string | undefined) ?? new URL('../public/watchlist.json', import.meta.url).pathname,
  );
  let engine: ReturnType<typeof createEngine>;
  try {
    engine = createEngine(loadWatchlist(JSON.parse(await readFile(listPath, 'utf8'))), { sensitivity });
  } catch (error) {
    process.stderr.write(`scan: cannot use watchlist ${listPath}: ${errorMessage(error)}\n`);
    process.exit(2);
  }

  const rows: ScanRow[] = [];
  let unreadable = 0;
  const reporter = createReporter({
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY,
    env: process.env,
    delayMs: process.env.VENDORWATCH_PROGRESS_DELAY_MS ? Number(process.env.VENDORWATCH_PROGRESS_DELAY_MS) : undefined,
  });
  const inputs = await expandInputs(positionals);
  for (const [index, input] of inputs.entries()) {
    const label = input.kind === 'stdin' ? '(stdin)' : input.path;
    if (input.kind === 'error') {
      unreadable++;
      reporter.line(`scan: cannot read ${label}: ${input.message}`);
      continue;
    }
    reporter.starting(index, inputs.length, label);
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(input);
    } catch (error) {
      unreadable++;
      reporter.line(`scan: cannot read ${label}: ${describeError(error)}`);
      continue;
    }
    const reading = readDocument(label, bytes, {
      pdfData: nodePdfData,
      onProgress: (file, done, total, unit) => reporter.within(index, inputs.length, file, done, total, unit),
    });
    for await (const result of reading) {
      if (result.skipped !== undefined || !result.read) {
        unreadable++;
        reporter.line(`${result.file}: skipped: ${result.skipped}`);
        continue;
      }
      const found = scanBlocks(engine, result.file, result.read.blocks);
      rows.push(...found);
      reporter.line(summary(result.file, result.type, found, result.read.extent));
      for (const note of result.read.notes) reporter.line(`${result.file}: ${note}`);
    }
  }
  reporter.finish();

  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    process.stdout.write(`${CSV_COLUMNS.join(',')}\n`);
    for (const row of rows) {
      process.stdout.write(
        `${CSV_COLUMNS.map((column) => csvField(Array.isArray(row[column]) ? (row[column] as string[]).join(' ') : (row[column] as string | number))).join(',')}\n`,
      );
    }
  }
  if (unreadable > 0) process.exit(2);
  if (values['fail-on-findings'] && rows.length > 0) process.exit(1);
}

await main();
