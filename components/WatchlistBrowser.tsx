/**
 * The watchlist, browsable: every vendor with its names, brands (unconfirmed ones marked as not flagged), model
 * families with examples and the measures that name it; every measure with its authority, instrument, dates and
 * sources; searchable. Opened from a warning card ("Why is this flagged?", at that vendor) and from the popup
 * ("Why was nothing flagged?", at the explanation of what is and is not flagged). Presentational: the page's glue
 * gets the list in force from the background.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Measure, Vendor, Watchlist } from '../lib/watchlist/schema';
import { relationshipText } from '../lib/watchlist/wording';
import { t, tx } from './i18n';

interface WatchlistBrowserProps {
  list: Watchlist;
  /** Where the list in force came from: shipped with this version, or a signed update. */
  source: 'bundled' | 'update';
}

const lower = (text: string) => text.toLocaleLowerCase();

/** Everything a person might search a vendor by. */
function vendorWords(vendor: Vendor): string[] {
  return [
    vendor.name,
    vendor.id,
    vendor.description,
    ...vendor.aliases,
    ...vendor.legalNames.map((legal) => legal.name),
    ...vendor.localNames.map((local) => local.name),
    ...vendor.scriptForms,
    ...vendor.brands.flatMap((brand) => [brand.name, ...brand.aliases]),
    ...vendor.models.flatMap((model) => [model.description, ...model.examples]),
  ];
}

const measureWords = (measure: Measure) => [
  measure.id,
  measure.title,
  measure.authority,
  measure.instrument,
  measure.jurisdiction,
];

export function WatchlistBrowser({ list, source }: WatchlistBrowserProps) {
  const [query, setQuery] = useState('');
  const measures = useMemo(() => new Map(list.measures.map((measure) => [measure.id, measure])), [list]);
  const wanted = lower(query.trim());
  const matches = (words: string[]) => !wanted || words.some((word) => lower(word).includes(wanted));
  const vendors = list.vendors.filter((vendor) => matches(vendorWords(vendor)));
  const shownMeasures = list.measures.filter((measure) => matches(measureWords(measure)));
  return (
    <main class="watchlist-page">
      <h1>{t('watchlistPageTitle')}</h1>
      <p class="muted" data-testid="list-identity">
        {t(
          source === 'update' ? 'watchlistPageIdentityUpdate' : 'watchlistPageIdentityBundled',
          list.meta.version,
          list.meta.generatedAt.slice(0, 10),
        )}
      </p>
      <section id="about" aria-labelledby="about-title" tabIndex={-1}>
        <h2 id="about-title">{t('watchlistPageAboutTitle')}</h2>
        <ul>
          <li>{t('watchlistPageAboutListed')}</li>
          <li>{t('watchlistPageAboutUnconfirmed')}</li>
          <li>{t('watchlistPageAboutModels')}</li>
          <li>{t('watchlistPageAboutSettings')}</li>
        </ul>
      </section>
      <label class="search">
        {t('watchlistPageSearch')}{' '}
        <input
          type="search"
          value={query}
          data-testid="watchlist-search"
          onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
        />
      </label>
      <p role="status" class="muted" data-testid="watchlist-count">
        {t('watchlistPageCount', vendors.length, shownMeasures.length)}
      </p>
      <section aria-labelledby="vendors-title">
        <h2 id="vendors-title">{t('watchlistPageVendors')}</h2>
        {vendors.map((vendor) => (
          <VendorEntry key={vendor.id} vendor={vendor} measures={measures} />
        ))}
      </section>
      <section aria-labelledby="measures-title">
        <h2 id="measures-title">{t('watchlistPageMeasures')}</h2>
        {shownMeasures.map((measure) => (
          <MeasureEntry key={measure.id} measure={measure} />
        ))}
      </section>
    </main>
  );
}

function VendorEntry({ vendor, measures }: { vendor: Vendor; measures: ReadonlyMap<string, Measure> }) {
  const names = [
    ...vendor.aliases,
    ...vendor.legalNames.map((legal) => legal.name),
    ...vendor.localNames.map((local) => local.name),
  ];
  return (
    <article class="vendor" id={`vendor-${vendor.id}`} data-vendor={vendor.id} tabIndex={-1}>
      <h3>
        {vendor.name} <span class="muted">({vendor.country})</span>
        {vendor.userEntry ? <span class="tag">{t('watchlistPageOwnEntry')}</span> : null}
      </h3>
      <p>{vendor.description}</p>
      {names.length > 0 ? (
        <p>
          <strong>{t('watchlistPageAlsoWritten')}</strong> {[...new Set(names)].join(' · ')}
        </p>
      ) : null}
      {vendor.listings.length > 0 ? (
        <>
          <h4>{t('watchlistPageNamedBy')}</h4>
          <ul class="listings">
            {vendor.listings.map((listing) => {
              const measure = measures.get(listing.measure);
              return (
                <li key={`${listing.measure}-${listing.date}`} data-measure={listing.measure}>
                  <a href={`#measure-${listing.measure}`}>{measure?.title ?? listing.measure}</a>
                  {measure ? ` (${measure.authority})` : ''}
                  {` · ${t('watchlistPageSince', listing.date)}`}
                  {listing.status && listing.status !== 'in-force' ? ` · ${listing.status}` : ''}
                  {listing.qualifier ? ` · ${listing.qualifier}` : ''}
                  {listing.confirmed ? null : <span class="tag">{t('watchlistPageUnconfirmed')}</span>}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {vendor.brands.length > 0 ? (
        <>
          <h4>{t('watchlistPageBrands')}</h4>
          <ul class="brands">
            {vendor.brands.map((brand) => (
              <li key={brand.name} data-brand={brand.name} data-confirmed={String(brand.confirmed)}>
                <strong>{brand.name}</strong>: {tx(relationshipText(brand.relationship, vendor.name, brand.until))}
                {brand.confirmed ? null : <span class="tag">{t('watchlistPageNotFlaggedUnconfirmed')}</span>}
                {brand.sources[0] ? (
                  <>
                    {' '}
                    <a href={brand.sources[0].url} target="_blank" rel="noopener noreferrer">
                      {brand.sources[0].publisher}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {vendor.models.length > 0 ? (
        <>
          <h4>{t('watchlistPageModels')}</h4>
          <ul class="models">
            {vendor.models.map((model) => (
              <li key={model.id} data-model={model.id}>
                {model.description}: <code>{model.examples.slice(0, 4).join(', ')}</code>
                {model.requiresContext ? <span class="muted"> · {t('watchlistPageModelNeedsMaker')}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

function MeasureEntry({ measure }: { measure: Measure }) {
  return (
    <article class="measure" id={`measure-${measure.id}`} data-measure={measure.id} tabIndex={-1}>
      <h3>{measure.title}</h3>
      <p class="muted">
        {measure.authority} · {measure.jurisdiction} · {measure.instrument}
      </p>
      <p>{measure.summary}</p>
      <p>
        <strong>{t('watchlistPageScope')}</strong> {measure.scopeText}
      </p>
      <ul class="sources">
        {measure.sources.map((source) => (
          <li key={source.url}>
            <a href={source.url} target="_blank" rel="noopener noreferrer">
              {source.title}
            </a>{' '}
            <span class="muted">({source.publisher})</span>
          </li>
        ))}
      </ul>
    </article>
  );
}
