/**
 * `npm run lexicon:import`: (re)writes the negative lexicon in data/lexicon/ from public sources, each file with a
 * header naming its origin (Debian package and version, or repository, path and commit) and how it was filtered.
 * Maintainers run it by hand on a machine with the Debian packages below and the two repository snapshots; the
 * build and the tests read only the committed files. See data/lexicon/README.md.
 *
 *   apt-get install wamerican wbritish wngerman wfrench wspanish witalian wdutch ieee-data usb.ids pci.ids
 *   npm run lexicon:import -- --edgar <company_tickers.json> --census <dist.all.last> [--given <dist.*.first>...]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUT = resolve(import.meta.dirname, '../data/lexicon');

function debianVersion(pkg: string): string {
  // dpkg-query's own format placeholder, not a template.
  const format = `-f=${'$'}{Version}`;
  return execFileSync('dpkg-query', ['-W', format, pkg], { encoding: 'utf8' }).trim();
}

function write(name: string, header: string[], entries: Iterable<string>): void {
  const unique = [...new Set([...entries].map((e) => e.replace(/\s+/g, ' ').trim()).filter((e) => e.length >= 2))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  const text = `${[...header, `entries: ${unique.length}`].map((line) => `# ${line}`).join('\n')}\n${unique.join('\n')}\n`;
  writeFileSync(join(OUT, name), text);
  console.log(`${name}: ${unique.length} entries`);
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/\r?\n/);
}

function arg(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((value, index) => {
    if (value === name && process.argv[index + 1]) out.push(process.argv[index + 1]!);
  });
  return out;
}

/** Dictionary words: only what a fuzzy candidate can be (Latin letters, 5 to `max` letters), lower-cased. */
function words(paths: string[], max: number): string[] {
  const pattern = new RegExp(`^[A-Za-z]{5,${max}}$`);
  return paths
    .flatMap(lines)
    .filter((w) => pattern.test(w))
    .map((w) => w.toLowerCase());
}

const DICTIONARIES: Array<{ file: string; language: string; packages: string[]; paths: string[]; max: number }> = [
  {
    file: 'words-en.txt',
    language: 'English (American and British)',
    packages: ['wamerican', 'wbritish'],
    paths: ['/usr/share/dict/american-english', '/usr/share/dict/british-english'],
    max: 20,
  },
  { file: 'words-de.txt', language: 'German', packages: ['wngerman'], paths: ['/usr/share/dict/ngerman'], max: 12 },
  { file: 'words-fr.txt', language: 'French', packages: ['wfrench'], paths: ['/usr/share/dict/french'], max: 12 },
  { file: 'words-es.txt', language: 'Spanish', packages: ['wspanish'], paths: ['/usr/share/dict/spanish'], max: 12 },
  { file: 'words-it.txt', language: 'Italian', packages: ['witalian'], paths: ['/usr/share/dict/italian'], max: 12 },
  { file: 'words-nl.txt', language: 'Dutch', packages: ['wdutch'], paths: ['/usr/share/dict/dutch'], max: 12 },
];

for (const d of DICTIONARIES) {
  write(
    d.file,
    [
      `${d.language} dictionary words`,
      `origin: Debian packages ${d.packages.map((p) => `${p} ${debianVersion(p)}`).join(', ')} (${d.paths.join(', ')})`,
      `filter: words of 5 to ${d.max} Latin letters only (what fuzzy matching can see), lower-cased, deduplicated`,
    ],
    words(d.paths, d.max),
  );
}

// IEEE MAC address registry: the organisations that make network hardware.
const oui = ['oui.csv', 'mam.csv', 'oui36.csv', 'iab.csv'].flatMap((name) =>
  lines(`/usr/share/ieee-data/${name}`)
    .slice(1)
    .map((line) => line.match(/^[^,]*,[^,]*,(?:"([^"]*)"|([^,]*))/))
    .flatMap((m) => (m ? [m[1] ?? m[2] ?? ''] : [])),
);
write(
  'companies-ieee.txt',
  [
    'Organisation names from the IEEE Registration Authority (MA-L, MA-M, MA-S and IAB assignments)',
    `origin: Debian package ieee-data ${debianVersion('ieee-data')} (/usr/share/ieee-data/{oui,mam,oui36,iab}.csv)`,
    'filter: the Organization Name column, deduplicated; the registry names listed vendors too (their own entries)',
  ],
  oui.filter((name) => name && name !== 'Private' && name !== 'IEEE Registration Authority'),
);

// USB and PCI vendor names: the makers of computer and electronics hardware.
const idsVendors = (path: string) =>
  lines(path).flatMap((line) => {
    const m = line.match(/^[0-9a-f]{4} {2}(.+)$/);
    return m ? [m[1]!] : [];
  });
write(
  'companies-usb-pci.txt',
  [
    'Hardware vendor names from the USB and PCI ID repositories',
    `origin: Debian packages usb.ids ${debianVersion('usb.ids')} (/usr/share/misc/usb.ids), pci.ids ${debianVersion('pci.ids')} (/usr/share/misc/pci.ids)`,
    'filter: vendor lines only (not devices), deduplicated',
  ],
  [...idsVendors('/usr/share/misc/usb.ids'), ...idsVendors('/usr/share/misc/pci.ids')],
);

for (const path of arg('--edgar')) {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { title: string }>;
  write(
    'companies-sec-edgar.txt',
    [
      'US-listed company names from the SEC EDGAR company tickers file (https://www.sec.gov/files/company_tickers.json)',
      'origin: snapshot in github.com/lwowlwowl/company_name_to_ticker, company_tickers.json, commit e83838f7269cacdfeee556edc00a389e4dcd3943',
      'filter: the title field, deduplicated',
    ],
    Object.values(data).map((row) => row.title),
  );
}

const census = arg('--census');
if (census.length > 0) {
  const names = (path: string) => lines(path).flatMap((line) => (line.trim() ? [line.split(/\s+/)[0]!] : []));
  write(
    'names-us-census-1990.txt',
    [
      'Surnames and given names from the 1990 US Census name files (US Census Bureau, public domain)',
      'origin: github.com/nullstyle/name-database, sources/census-1990/{dist.all.last,dist.female.first,dist.male.first}, commit 46d2e01a4953b8f54e8625c9111cf5b372d80b49',
      'filter: the name column, lower-cased, deduplicated',
    ],
    [...census, ...arg('--given')].flatMap(names).map((n) => n.toLowerCase()),
  );
}
