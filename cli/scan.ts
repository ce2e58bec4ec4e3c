/**
 * `npm run scan -- <file>...`: scans saved tender documents, shop pages, CSV exports and JSON with the same
 * engine as the extension, and prints one record per finding. Nothing leaves the machine.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { csvField, type DocumentFormat, formatOf } from '../lib/documents/index';
import { type ScanRow, scanDocument } from '../lib/documents/scan';
import { createEngine, type Sensitivity } from '../lib/engine/index';
import { loadWatchlist } from '../lib/watchlist/index';

const USAGE = `Usage: npm run scan -- [options] <file>... (use - for standard input)

Scans saved HTML pages, plain text, CSV and JSON files for restricted technology vendors, brands and
model numbers, and prints one record per finding.

Options:
  --format json|csv        output format (default: json)
  --sensitivity strict|balanced|broad   (default: balanced)
  --watchlist <file>       use this watchlist instead of public/watchlist.json
  --fail-on-findings       exit with status 1 when anything is found (for CI pipelines)
  -h, --help               show this help

Exit status: 0 done, 1 findings with --fail-on-findings, 2 a file could not be read or bad usage.`;

const CSV_COLUMNS: Array<keyof ScanRow> = [
  'file',
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

function usageError(message: string): never {
  process.stderr.write(`scan: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function readInput(name: string): Promise<string> {
  if (name !== '-') return readFile(name, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function progress(done: number, total: number, name: string) {
  if (!process.stderr.isTTY || total < 5) return;
  const width = 24;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name.slice(-40).padEnd(40)}`,
  );
  if (done === total) process.stderr.write('\n');
}

async function main() {
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
    usageError((error as Error).message);
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
    process.stderr.write(`scan: cannot use watchlist ${listPath}: ${(error as Error).message}\n`);
    process.exit(2);
  }

  const rows: ScanRow[] = [];
  let unreadable = 0;
  for (const [index, name] of positionals.entries()) {
    const label = name === '-' ? '(stdin)' : name;
    let content: string;
    try {
      content = await readInput(name);
    } catch (error) {
      unreadable++;
      process.stderr.write(
        `${label}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
      );
      continue;
    }
    const documentFormat: DocumentFormat = formatOf(name, content);
    let found: ScanRow[];
    try {
      found = scanDocument(engine, label, documentFormat, content);
    } catch (error) {
      unreadable++;
      process.stderr.write(`${label}: cannot parse as ${documentFormat}: ${(error as Error).message}\n`);
      continue;
    }
    rows.push(...found);
    progress(index + 1, positionals.length, label);
    const vendors = [...new Set(found.map((r) => r.vendorName))];
    process.stderr.write(
      `${label}: ${found.length} finding${found.length === 1 ? '' : 's'}${vendors.length ? ` (${vendors.join(', ')})` : ''}\n`,
    );
  }

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
