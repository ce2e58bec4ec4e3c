/**
 * "Where you are": a country list named in the reader's language by Intl.DisplayNames, so no country name needs
 * translating by hand. Used by the options page and the first-run page.
 */
import { COUNTRIES } from '../lib/settings/country';
import { t } from './i18n';

/** The country's name in the interface language ("Vereinigtes Königreich"), or its code where Intl has no name. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([t('localeCode')], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

interface CountrySelectProps {
  value: string;
  disabled?: boolean;
  describedBy?: string;
  onChange(country: string): void;
}

export function CountrySelect({ value, disabled, describedBy, onChange }: CountrySelectProps) {
  const names = COUNTRIES.map((code) => [code, countryName(code)] as const).sort((a, b) =>
    a[1].localeCompare(b[1], t('localeCode')),
  );
  return (
    <label>
      {t('optionsCountry')}
      <br />
      <select
        name="country"
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value)}
      >
        <option value="">{t('optionsCountryUnset')}</option>
        {names.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
