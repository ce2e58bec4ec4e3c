/**
 * The other Chinese script's forms of the watchlist's names, derived at build time with OpenCC's conversion tables
 * (opencc-js, a devDependency): a Taiwanese notice writes 海康威視 and 華為 for the 海康威视 and 华为 stored in data/,
 * a mainland page writes 大疆创新 for the stored 大疆創新, and Japanese writes 杭州海康威視数字技術 (shinjitai). Only the
 * names themselves ship, in the compiled list; no conversion table does.
 */
import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;
const converter = (from: string, to: string): Convert =>
  OpenCC.Converter({ from, to } as Parameters<typeof OpenCC.Converter>[0]);

/** Simplified to Traditional: OpenCC's standard forms (华为 → 華爲), Taiwan's (華為) and Hong Kong's. */
const TO_TRADITIONAL: readonly Convert[] = [converter('cn', 't'), converter('cn', 'tw'), converter('cn', 'hk')];
/** Traditional (any of the three) to Simplified. */
const TO_SIMPLIFIED: readonly Convert[] = [converter('t', 'cn'), converter('tw', 'cn'), converter('hk', 'cn')];
/** Traditional to Japanese shinjitai: 數字技術 → 数字技術. */
const TO_JAPANESE: Convert = converter('t', 'jp');

const HAN = /\p{Script=Han}/u;

/** The other forms of `name` (Traditional, Simplified, Japanese), without `name` itself; none for a name with no Han. */
export function scriptVariants(name: string): string[] {
  if (!HAN.test(name)) return [];
  const simplified = new Set([name, ...TO_SIMPLIFIED.map((convert) => convert(name))]);
  const traditional = new Set([...simplified].flatMap((form) => TO_TRADITIONAL.map((convert) => convert(form))));
  const japanese = [...traditional, name].map(TO_JAPANESE);
  const all = new Set([...simplified, ...traditional, ...japanese]);
  all.delete(name);
  return [...all].sort();
}
