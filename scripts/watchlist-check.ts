/**
 * `npm run watchlist:check -- [--edition YYYY-MM-DD] [--all] <file>...`: compares the watchlist in data/ with the
 * official lists a maintainer downloaded (FCC Covered List table as HTML or CSV, DoD 1260H list as CSV or PDF text,
 * Consolidated Screening List CSV or JSON) and prints, for the vendors and brands in scope, what is listed there and
 * missing here, listed here and gone there, and dates that differ.
 *
 * Exit status: 0 no drift, 1 drift found, 2 a file could not be read or the data does not build.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeText } from '../lib/documents/binary';
import { compileWatchlist, WatchlistBuildError } from './lib/compile-watchlist';
import { OfficialListError, readOfficialList } from './lib/official-lists';
import { compareWithOfficialList, formatDrift, hasDrift } from './lib/watchlist-drift';
import { readDataFiles } from './watchlist-build';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { edition: { type: 'string' }, all: { type: 'boolean', default: false } },
});

function fail(message: string): never {
  console.error(`watchlist:check: ${message}`);
  process.exit(2);
}

if (!positionals.length)
  fail('usage: npm run watchlist:check -- [--edition YYYY-MM-DD] [--all] <official list file>...');
if (values.edition && !/^\d{4}-\d{2}-\d{2}$/.test(values.edition)) fail('--edition must be a date like 2026-06-08');

let list: ReturnType<typeof compileWatchlist>;
try {
  list = compileWatchlist(await readDataFiles());
} catch (error) {
  if (error instanceof WatchlistBuildError) fail(`data/ does not build: ${error.message}`);
  throw error;
}

let drift = false;
const reports: string[] = [];
for (const file of positionals) {
  let content: string;
  try {
    content = decodeText(new Uint8Array(await readFile(file)));
  } catch (error) {
    fail(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  try {
    const official = readOfficialList(file, content, { edition: values.edition });
    const result = compareWithOfficialList(list, official);
    drift ||= hasDrift(result);
    reports.push(formatDrift(result, { all: values.all }));
  } catch (error) {
    if (error instanceof OfficialListError) fail(error.message);
    throw error;
  }
}
console.log(reports.join('\n\n'));
process.exit(drift ? 1 : 0);
