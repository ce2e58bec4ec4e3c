/**
 * `npm run bench:accuracy`: precision, recall and evidence recall of the engine on the held-at-arm's-length
 * accuracy set (tests/accuracy/set), per category and per sensitivity, through the scan CLI's reading path; and
 * model-number recall for listed makers and the false-flag rate for other makers. Prints numbers; never fails.
 * `--problems <file>` also writes every miss and false flag as JSON, for the notes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type Counts,
  cameraGroup,
  evaluateModels,
  evaluatePages,
  loadBundledWatchlist,
  readSet,
} from '../tests/accuracy/evaluate';
import { loadLabels, loadModels, SENSITIVITIES } from '../tests/accuracy/labels';

const { values } = parseArgs({ options: { problems: { type: 'string' } } });
const list = loadBundledWatchlist();
const labels = loadLabels();
const documents = readSet(labels);
const entries = loadModels();

const pct = (n: number) => n.toFixed(3);
const ratio = (hits: number, total: number) => (total === 0 ? 'n/a' : pct(hits / total));
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

const expectedFindings = Object.values(labels).reduce((n, l) => n + l.expect.length, 0);
const traps = Object.values(labels).reduce((n, l) => n + l.mustNotFlag.length, 0);
const countries = new Set(Object.values(labels).flatMap((l) => (l.country === 'INT' ? [] : [l.country])));
const scripts = new Set(Object.values(labels).map((l) => l.script));
const makers = new Set(entries.map((e) => e.maker));
console.log(
  `accuracy set: ${documents.length} files, ${expectedFindings} expected findings, ${traps} must-not-flag strings, ` +
    `${countries.size} countries, ${scripts.size} scripts (${[...scripts].join(', ')}); ` +
    `${entries.length} model numbers from ${makers.size} makers; watchlist version ${list.meta.version}\n`,
);

const pages = evaluatePages(documents, list);
const header = ['sensitivity', 'category', 'precision', 'recall', 'evidence recall', 'verdicts agree', 'traps hit'];
const line = (sensitivity: string, category: string, c: Counts) =>
  row([
    sensitivity,
    category,
    ratio(c.truePositives, c.truePositives + c.falsePositives),
    ratio(c.truePositives, c.truePositives + c.falseNegatives),
    ratio(c.evidenceFound, c.evidenceExpected),
    `${c.verdictAgreed}/${c.verdictChecked}`,
    `${c.trapsHit}/${c.trapsChecked}`,
  ]);
console.log(row(header));
console.log(row(header.map(() => '---')));
for (const sensitivity of SENSITIVITIES) {
  const { total, byCategory } = pages.bySensitivity[sensitivity];
  for (const [category, counts] of Object.entries(byCategory).sort()) console.log(line(sensitivity, category, counts));
  console.log(line(`**${sensitivity}**`, '**all**', total));
}

const models = evaluateModels(entries, list);
console.log(
  `\n${row(['sensitivity', 'listed makers: model recall', 'cameras, Hikvision/Dahua group', 'other makers: flagged'])}`,
);
console.log(row(['---', '---', '---', '---']));
for (const sensitivity of SENSITIVITIES) {
  const { listed, others } = models.bySensitivity[sensitivity];
  const group = cameraGroup(models, sensitivity);
  console.log(
    row([
      sensitivity,
      `${pct(listed.found / (listed.total || 1))} (${listed.found}/${listed.total})`,
      `${pct(group.found / (group.total || 1))} (${group.found}/${group.total})`,
      `${((100 * others.flagged) / (others.total || 1)).toFixed(2)}% (${others.flagged}/${others.total})`,
    ]),
  );
}
console.log(`\n${row(['maker', 'vendor', 'models', 'strict', 'balanced', 'broad'])}`);
console.log(row(['---', '---', '---', '---', '---', '---']));
// Every listed maker, and any other maker with a model flagged at some sensitivity.
const share = (sensitivity: (typeof SENSITIVITIES)[number], maker: string) => {
  const m = models.bySensitivity[sensitivity].byMaker[maker]!;
  return pct(m.hits / m.total);
};
const makersShown = Object.entries(models.bySensitivity.broad.byMaker)
  .filter(([maker, info]) => info.vendor || SENSITIVITIES.some((s) => models.bySensitivity[s].byMaker[maker]!.hits > 0))
  .sort(([a, x], [b, y]) => (x.vendor ? 0 : 1) - (y.vendor ? 0 : 1) || a.localeCompare(b));
for (const [maker, info] of makersShown) {
  const what = info.vendor ? 'found' : 'flagged';
  console.log(row([maker, info.vendor || '-', info.total, ...SENSITIVITIES.map((s) => `${what} ${share(s, maker)}`)]));
}
const quiet = Object.keys(models.bySensitivity.broad.byMaker).length - makersShown.length;
console.log(`(${quiet} other makers: none of their models flagged at any sensitivity)`);

if (values.problems) {
  writeFileSync(values.problems, `${JSON.stringify({ pages: pages.problems, models: models.misses }, null, 1)}\n`);
  console.log(`\nproblems written to ${values.problems}`);
}
