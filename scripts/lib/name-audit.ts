/**
 * The names audit (issue 14): every vendor and confirmed brand, in every reader language (READER_LANGS), has the name
 * it is sold under there with a source, a record that pages there sell it under its Latin name (with the page), or a
 * gap saying why none was found. Pure, so the build can refuse a file with an unchecked cell and tests can feed it
 * broken input.
 */
import { type Brand, READER_LANGS, type Vendor } from '../../lib/watchlist/schema';

type ReaderLang = (typeof READER_LANGS)[number];
type NameCell = 'name' | 'latin' | 'gap';

type Named = Pick<Vendor, 'localNames' | 'latinNameIn' | 'nameGaps'>;

const HAN = /\p{Script=Han}/u;

/** Chinese names in data count for both Chinese scripts: the build derives the other script's forms (OpenCC). */
function chineseNames(entry: Vendor | Brand): string[] {
  const own = 'legalNames' in entry ? entry.legalNames.map((legal) => legal.name) : [entry.name];
  return [...own, ...entry.aliases, ...entry.contextNames, ...entry.localNames.map((local) => local.name)].filter(
    (name) => HAN.test(name),
  );
}

/** One entry's cells, or the first problem (a language left unchecked, or both a name and a gap). */
export function nameCells(entry: Vendor | Brand): { cells: Record<ReaderLang, NameCell> } | { problem: string } {
  const named: Named = entry;
  const hasChinese = chineseNames(entry).length > 0;
  const cells = {} as Record<ReaderLang, NameCell>;
  for (const lang of READER_LANGS) {
    const local = named.localNames.some((name) => name.lang === lang) || (lang.startsWith('zh') && hasChinese);
    const latin = named.latinNameIn.filter((use) => use.lang === lang).length;
    const gaps = named.nameGaps.filter((gap) => gap.lang === lang).length;
    if (latin > 1 || gaps > 1) return { problem: `${lang} is listed twice in latinNameIn or nameGaps` };
    if (gaps > 0 && (local || latin > 0))
      return { problem: `${lang} has a name or a Latin-name use and also a gap; drop the gap` };
    if (!local && latin === 0 && gaps === 0)
      return {
        problem: `no ${lang} name: add the name it is sold under (localNames), latinNameIn with the page that writes the Latin name, or nameGaps with why none was found`,
      };
    cells[lang] = local ? 'name' : latin > 0 ? 'latin' : 'gap';
  }
  return { cells };
}

/** A Latin-name use whose quoted words do not contain one of the entry's Latin names, or null. */
export function latinUseProblem(entry: Vendor | Brand): string | null {
  const own = 'legalNames' in entry ? entry.legalNames.map((legal) => legal.name) : [];
  const latin = [entry.name, ...own, ...entry.aliases]
    .filter((name) => !HAN.test(name))
    .map((name) => name.toLowerCase());
  for (const use of entry.latinNameIn) {
    const seen = use.seen.toLowerCase();
    if (!latin.some((name) => seen.includes(name)))
      return `latinNameIn ${use.lang}: "${use.seen}" does not contain ${entry.name} or one of its Latin aliases`;
  }
  return null;
}
