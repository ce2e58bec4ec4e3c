/**
 * `npm run watchlist:build`: compiles the human-edited sources in data/ into public/watchlist.json.
 *
 * - Each file is validated with the same zod schema the extension uses; an error names the file and field.
 * - Sources are written once in data/sources.yaml and referred to by id elsewhere.
 * - Cross-checks: listings point at real measures, ids are unique, no name or alias is claimed by two vendors.
 * - Output is deterministic (sorted, stable formatting), so `--check` can prove the bundled list is current.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { compileWatchlist, type DataFiles, WatchlistBuildError } from './lib/compile-watchlist';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'data');
const OUTPUT = join(ROOT, 'public/watchlist.json');

async function readYamlDir(dir: string): Promise<Array<{ file: string; data: unknown }>> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(
    names.map(async (name) => ({
      file: relative(ROOT, join(dir, name)),
      data: parse(await readFile(join(dir, name), 'utf8')),
    })),
  );
}

export async function readDataFiles(): Promise<DataFiles> {
  const read = async (name: string) => ({
    file: `data/${name}`,
    data: parse(await readFile(join(DATA, name), 'utf8')),
  });
  const lexiconDir = join(DATA, 'lexicon');
  const lexiconNames = (await readdir(lexiconDir)).filter((name) => name.endsWith('.txt')).sort();
  return {
    lexicon: await Promise.all(
      lexiconNames.map(async (name) => ({
        file: relative(ROOT, join(lexiconDir, name)),
        text: await readFile(join(lexiconDir, name), 'utf8'),
      })),
    ),
    meta: await read('meta.yaml'),
    sources: await read('sources.yaml'),
    measures: await readYamlDir(join(DATA, 'measures')),
    vendors: await readYamlDir(join(DATA, 'vendors')),
  };
}

export const serialise = (list: unknown) => `${JSON.stringify(list, null, 2)}\n`;

async function main() {
  const check = process.argv.includes('--check');
  try {
    const json = serialise(compileWatchlist(await readDataFiles()));
    if (check) {
      const current = await readFile(OUTPUT, 'utf8').catch(() => '');
      if (current !== json) {
        console.error('public/watchlist.json is out of date: run `npm run watchlist:build` and commit the result.');
        process.exit(1);
      }
      console.log('public/watchlist.json matches data/.');
      return;
    }
    await writeFile(OUTPUT, json);
    const list = JSON.parse(json) as { vendors: unknown[]; measures: unknown[]; meta: { version: number } };
    console.log(
      `wrote public/watchlist.json: version ${list.meta.version}, ${list.vendors.length} vendors, ${list.measures.length} measures`,
    );
  } catch (error) {
    if (error instanceof WatchlistBuildError) {
      console.error(`watchlist build failed:\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
