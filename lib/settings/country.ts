/**
 * Where a user probably is, from what the browser already says (time zone first: a person's language often names
 * another country, as en-US does for much of the world), offered as a suggestion on the first-run page and never
 * applied without the user's choice. Pure.
 */

/** Countries offered in the settings (ISO 3166 codes); their names come from Intl.DisplayNames in the reader's language. */
export const COUNTRIES = [
  'GB',
  'IE',
  'US',
  'CA',
  'AU',
  'NZ',
  'TW',
  'DE',
  'FR',
  'NL',
  'BE',
  'ES',
  'IT',
  'SE',
  'LT',
  'JP',
  'SG',
] as const;

/** Time zones that name one country (the zones most users of these countries have). */
const ZONES: Array<[RegExp, string]> = [
  [/^Europe\/(London|Belfast)$/, 'GB'],
  [/^Europe\/Dublin$/, 'IE'],
  [/^Australia\//, 'AU'],
  [/^Pacific\/(Auckland|Chatham)$/, 'NZ'],
  [/^Asia\/Taipei$/, 'TW'],
  [/^America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Indiana\/.+|Kentucky\/.+)$/, 'US'],
  [/^Pacific\/Honolulu$/, 'US'],
  [/^America\/(Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina)$/, 'CA'],
  [/^Europe\/Berlin$/, 'DE'],
  [/^Europe\/Paris$/, 'FR'],
  [/^Europe\/Amsterdam$/, 'NL'],
  [/^Europe\/Brussels$/, 'BE'],
  [/^Europe\/Madrid$/, 'ES'],
  [/^Europe\/Rome$/, 'IT'],
  [/^Europe\/Stockholm$/, 'SE'],
  [/^Europe\/Vilnius$/, 'LT'],
  [/^Asia\/Tokyo$/, 'JP'],
  [/^Asia\/Singapore$/, 'SG'],
];

/** The country suggested by the browser's time zone, else by the region of its language ("en-GB"); '' if neither. */
export function suggestCountry(timeZone: string | undefined, languages: readonly string[]): string {
  for (const [zone, country] of ZONES) if (timeZone && zone.test(timeZone)) return country;
  for (const language of languages) {
    const region = /^[a-z]{2,3}(?:[-_][A-Za-z]{4})?[-_]([A-Z]{2})\b/i.exec(language)?.[1]?.toUpperCase();
    if (region && (COUNTRIES as readonly string[]).includes(region)) return region;
  }
  return '';
}
