/**
 * "My entries" in the options page: the user's own makers as a list and a form (name, other names, model prefixes
 * or patterns, categories, the maker's country and the reason the warning shows), checked field by field with
 * messages a person understands (lib/settings/own-entries.ts), and a file to export and import.
 */
import { useState } from 'preact/hooks';
import { COUNTRIES } from '../../lib/settings/country';
import {
  EMPTY_FIELDS,
  exportEntries,
  type FieldProblem,
  fieldsFromVendor,
  mergeEntries,
  type OwnEntryField,
  type OwnEntryFields,
  parseEntriesFile,
  REASON_MAX,
  vendorFromFields,
} from '../../lib/settings/own-entries';
import type { Vendor } from '../../lib/watchlist/schema';
import { countryName } from '../CountrySelect';
import { type MessageKey, t, tx } from '../i18n';

interface OwnEntriesProps {
  entries: readonly Vendor[];
  locked: boolean;
  describedBy?: string;
  /** Saves the whole list; resolves false when the page refused it (and said why). */
  onSave(entries: Vendor[]): Promise<boolean>;
  download(text: string, name: string): void;
}

const FIELDS: Array<{ field: OwnEntryField; label: MessageKey; rows?: number }> = [
  { field: 'name', label: 'optionsOwnName' },
  { field: 'aliases', label: 'optionsOwnAliases', rows: 2 },
  { field: 'prefixes', label: 'optionsOwnPrefixes', rows: 2 },
  { field: 'patterns', label: 'optionsOwnPatterns', rows: 2 },
  { field: 'categories', label: 'optionsOwnCategories' },
];

export function OwnEntries({ entries, locked, describedBy, onSave, download }: OwnEntriesProps) {
  /** The entry being edited: its index, or -1 for a new one; null when the form is closed. */
  const [editing, setEditing] = useState<number | null>(null);
  const [fields, setFields] = useState<OwnEntryFields>(EMPTY_FIELDS);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [fileProblem, setFileProblem] = useState('');
  const [imported, setImported] = useState('');

  const open = (index: number) => {
    setEditing(index);
    setFields(index >= 0 ? fieldsFromVendor(entries[index]!) : EMPTY_FIELDS);
    setProblems([]);
  };
  const save = async () => {
    if (editing === null) return;
    const original = editing >= 0 ? entries[editing] : undefined;
    const others = entries.filter((_, i) => i !== editing);
    const result = vendorFromFields(fields, others, original);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    const next = [...entries];
    if (editing >= 0) next[editing] = result.vendor;
    else next.push(result.vendor);
    if ((await onSave(next)) === false) return;
    setEditing(null);
    setProblems([]);
  };
  const problemsOf = (field: OwnEntryField) => problems.filter((p) => p.field === field);
  const input = (field: OwnEntryField, rows?: number) => {
    const common = {
      id: `own-${field}`,
      name: `own-${field}`,
      value: fields[field],
      'aria-invalid': problemsOf(field).length > 0 ? ('true' as const) : undefined,
      'aria-describedby': problemsOf(field).length > 0 ? `own-${field}-problem` : undefined,
      onInput: (event: Event) =>
        setFields({ ...fields, [field]: (event.target as HTMLInputElement | HTMLTextAreaElement).value }),
    };
    return rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />;
  };
  const fieldProblem = (field: OwnEntryField) =>
    problemsOf(field).length > 0 ? (
      <p class="problem" id={`own-${field}-problem`}>
        {problemsOf(field)
          .map((p) => tx(p.text))
          .join(' ')}
      </p>
    ) : null;

  return (
    <div class="own-entries">
      <p class="muted">{t('optionsOwnHelp')}</p>
      {entries.length === 0 ? (
        <p data-testid="no-entries">{t('optionsOwnNone')}</p>
      ) : (
        <ul class="entries">
          {entries.map((entry, index) => (
            <li key={entry.id} data-entry={entry.id}>
              <strong>{entry.name}</strong>
              {entry.ownReason ? <span class="muted"> · {entry.ownReason}</span> : null}{' '}
              <button type="button" disabled={locked} aria-describedby={describedBy} onClick={() => open(index)}>
                {t('optionsOwnEdit')}
              </button>{' '}
              <button
                type="button"
                disabled={locked}
                aria-describedby={describedBy}
                onClick={() => void onSave(entries.filter((_, i) => i !== index))}
              >
                {t('optionsOwnRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing === null ? (
        <button
          type="button"
          class="add-entry"
          disabled={locked}
          aria-describedby={describedBy}
          onClick={() => open(-1)}
        >
          {t('optionsOwnAdd')}
        </button>
      ) : (
        <form
          class="entry-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {problems.length > 0 ? (
            <p role="alert" class="problem">
              {t('optionsOwnNotSaved')}
            </p>
          ) : null}
          {FIELDS.map(({ field, label, rows }) => (
            <div key={field} class="field">
              <label htmlFor={`own-${field}`}>{t(label)}</label>
              <br />
              {input(field, rows)}
              {fieldProblem(field)}
            </div>
          ))}
          <div class="field">
            <label>
              {t('optionsOwnCountry')}
              <br />
              <select
                name="own-country"
                value={fields.country}
                onChange={(event) => setFields({ ...fields, country: (event.target as HTMLSelectElement).value })}
              >
                <option value="">{t('optionsOwnCountryUnknown')}</option>
                {COUNTRIES.map((code) => [code, countryName(code)] as const)
                  .sort((a, b) => a[1].localeCompare(b[1], t('localeCode')))
                  .map(([code, name]) => (
                    <option key={code} value={code}>
                      {name}
                    </option>
                  ))}
              </select>
            </label>
            {fieldProblem('country')}
          </div>
          <div class="field">
            <label>
              {t('optionsOwnReason')}
              <br />
              <input
                type="text"
                name="own-reason"
                maxLength={REASON_MAX}
                placeholder={t('optionsOwnReasonExample')}
                value={fields.reason}
                onInput={(event) => setFields({ ...fields, reason: (event.target as HTMLInputElement).value })}
              />
            </label>
            {fieldProblem('reason')}
          </div>
          <button type="submit" class="save-entry">
            {t('optionsOwnSave')}
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            {t('warningDismissCancel')}
          </button>
        </form>
      )}
      <div class="entries-file">
        <button
          type="button"
          class="export-entries"
          disabled={entries.length === 0}
          onClick={() => download(exportEntries(entries), 'vendorwatch-entries.json')}
        >
          {t('optionsOwnExport')}
        </button>{' '}
        <label>
          {t('optionsOwnImport')}{' '}
          <input
            type="file"
            name="import-entries"
            accept="application/json,.json"
            disabled={locked}
            aria-describedby={describedBy}
            onChange={async (event) => {
              const target = event.target as HTMLInputElement;
              const file = target.files?.[0];
              target.value = '';
              if (!file) return;
              setImported('');
              // An entries file is small; a huge one is refused before it is read.
              const result = file.size > 5_000_000 ? parseEntriesFile('') : parseEntriesFile(await file.text());
              if (!result.ok) {
                setFileProblem(tx(result.text));
                return;
              }
              setFileProblem('');
              if ((await onSave(mergeEntries(entries, result.vendors))) !== false)
                setImported(t('optionsOwnImported', result.vendors.map((v) => v.name).join(', ')));
            }}
          />
        </label>
        {fileProblem ? (
          <p role="alert" class="problem" data-testid="entries-file-problem">
            {fileProblem}
          </p>
        ) : null}
        {imported ? (
          <p role="status" data-testid="entries-imported">
            {imported}
          </p>
        ) : null}
      </div>
    </div>
  );
}
