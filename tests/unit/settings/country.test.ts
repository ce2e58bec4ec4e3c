/** The country the first-run page suggests, from the browser's time zone first, then its languages' regions. */
import { describe, expect, it } from 'vitest';
import { suggestCountry } from '../../../lib/settings/country';

describe('suggestCountry', () => {
  it('prefers the time zone: en-US is the language of much of the world', () => {
    expect(suggestCountry('Europe/London', ['en-US', 'en'])).toBe('GB');
    expect(suggestCountry('Australia/Sydney', ['en-US'])).toBe('AU');
    expect(suggestCountry('Asia/Taipei', ['zh-TW'])).toBe('TW');
    expect(suggestCountry('America/Los_Angeles', ['es-MX'])).toBe('US');
  });

  it('falls back to the region of a language, and suggests nothing it cannot tell', () => {
    expect(suggestCountry('UTC', ['en-GB', 'en'])).toBe('GB');
    expect(suggestCountry('UTC', ['zh-Hant-TW'])).toBe('TW');
    expect(suggestCountry('UTC', ['en', 'fr'])).toBe('');
    expect(suggestCountry(undefined, ['pt-BR'])).toBe('');
  });
});
