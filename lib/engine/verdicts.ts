/**
 * The verdicts a finding can carry, in a module of their own so the message protocol (loaded by content scripts)
 * can validate them without pulling in the engine.
 *
 * `mention`: the vendor, brand or model is named only as what the product is for ("Junction box compatible with
 * Hikvision"): still a finding, never "listed vendor" (see mentions.ts).
 */
export const VERDICTS = ['listed-vendor', 'brand-of-listed-vendor', 'possible-match', 'mention'] as const;
export type Verdict = (typeof VERDICTS)[number];
