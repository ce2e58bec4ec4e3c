/**
 * The inline warning: a compact pill (icon + words, never colour alone) that expands on click or keyboard
 * into a rationale card. All page-derived text is rendered as Preact text nodes, never as HTML.
 */
import type { RefObject } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type DismissChoice, REASON_MAX } from '../lib/dismissals';
import { pluralKey } from '../lib/i18n/plural';
import { type MeasureView, STATUS_KEYS, VERDICT_KEYS, type WarningView } from '../lib/present/warning-view';
import { showInTopLayer } from '../platform/quirks/popover';
import { t, tx } from './i18n';
import { claimOpen, followAndDismiss, placeCard } from './popover';

/**
 * The pill's description (the headline), read by screen readers with the pill. A hidden element referenced by
 * aria-describedby has no layout box at all, unlike an off-screen live region, and ids are scoped to each warning's
 * shadow root, so one fixed id serves every warning.
 */
const DESCRIPTION_ID = 'vw-description';

/** The one measure most relevant to the reader's profile comes first; the rest are one click away. */
const FIRST_MEASURES = 1;

export interface WarningProps {
  view: WarningView;
  /** The card's dismiss choice. Without `onUndo` one "Dismiss" button dismisses the item. */
  onDismiss?: (choice: DismissChoice) => void;
  /** With it, dismissing leaves a small "Dismissed · Undo" in place of the warning. */
  onUndo?: () => void;
  /** Offer "Dismiss <vendor> on this site" (or "in this file") and "Not this vendor". */
  offerVendorScope?: boolean;
  /** Where a vendor-wide dismissal applies: the site (pages) or the file (the Check documents page). */
  place?: 'site' | 'file';
  /** Shown in its dismissed state from the start (the page was re-read while it was). */
  dismissed?: DismissChoice;
  /** "Why is this flagged?": opens the watchlist page at this vendor. */
  onWhy?: () => void;
  initiallyExpanded?: boolean;
}

function MeasureItem({ measure }: { measure: MeasureView }) {
  return (
    <li class={`measure severity-${measure.severity}`}>
      <div class="measure-title">
        <strong>{measure.title}</strong>
        <span class="tag">{measure.jurisdiction}</span>
        <span class={`tag status-${measure.status}`}>{t(STATUS_KEYS[measure.status])}</span>
      </div>
      <div class="measure-meta">
        {measure.authority}
        {measure.date ? ` · ${t('warningSince', measure.date)}` : ''}
      </div>
      <p class="measure-scope">{measure.scopeText}</p>
      {measure.qualifier ? <p class="measure-qualifier">{t('warningOnly', measure.qualifier)}</p> : null}
      {measure.basis ? <p class="measure-basis">{tx(measure.basis)}</p> : null}
      <a class="source" href={measure.sourceUrl} target="_blank" rel="noopener noreferrer">
        {t('warningSource', measure.sourceTitle)}
      </a>
    </li>
  );
}

/** What the compact pill says; shared by the component and the static pill pages get first (`compactWarning`). */
function pillWording(view: WarningView) {
  // A mention (an accessory "for Hikvision") is never an alert: it is shown quietly, like a measure from elsewhere.
  const tone =
    !view.relevant || view.verdict === 'mention' ? 'quiet' : view.verdict === 'possible-match' ? 'review' : 'alert';
  return {
    tone,
    icon: tone === 'alert' ? '⚠' : tone === 'review' ? '?' : 'ℹ',
    verdictLabel: t(VERDICT_KEYS[view.verdict]),
    headline: tx(view.verdictLineText),
  };
}

/**
 * The collapsed warning as plain DOM, node for node what `Warning` renders collapsed, so Preact can hydrate it
 * in place (keeping focus) the first time someone reaches for it. A results page with a hundred warnings then
 * pays for a hundred small DOM trees, not a hundred component renders on a cold JIT. Text goes in as text nodes.
 */
export function compactWarning(doc: Document, view: WarningView): HTMLElement {
  const { tone, icon, verdictLabel, headline } = pillWording(view);
  const element = (tag: string, attributes: Record<string, string>, ...children: Array<Node | string>) => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children.map((child) => (typeof child === 'string' ? doc.createTextNode(child) : child)));
    return node;
  };
  return element(
    'span',
    { class: `vw ${tone}`, role: 'group', 'aria-label': `VendorWatch: ${view.vendorName}` },
    element(
      'button',
      { type: 'button', class: 'pill', 'aria-expanded': 'false', 'aria-describedby': DESCRIPTION_ID, title: headline },
      element('span', { class: 'icon', 'aria-hidden': 'true' }, icon),
      element('span', { class: 'pill-text' }, verdictLabel, ': ', view.vendorName),
    ),
    element('span', { id: DESCRIPTION_ID, hidden: '' }, 'VendorWatch: ', headline),
  );
}

/** The element that holds this warning on the page: the shadow host (or the wrapper itself outside a shadow root). */
function hostOf(element: Element): Element {
  const root = element.getRootNode() as Partial<ShadowRoot>;
  return root.host ?? element;
}

/** Where the warning was: says what was dismissed and offers Undo (focused when the person just dismissed). */
function Dismissed({ view, focus, onUndo }: { view: WarningView; focus: boolean; onUndo(): void }) {
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) undo.current?.focus({ preventScroll: true });
  }, []);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would bring form semantics and styling to an inline badge.
    <span class="vw dismissed" role="group" aria-label={`VendorWatch: ${view.vendorName}`}>
      <span class="dismissed-text" role="status">
        {t('warningDismissedState', view.vendorName)}
      </span>{' '}
      <button ref={undo} type="button" class="undo" onClick={onUndo}>
        {t('warningUndo')}
      </button>
    </span>
  );
}

export function Warning({
  view,
  onDismiss,
  onUndo,
  offerVendorScope,
  place,
  dismissed: initiallyDismissed,
  onWhy,
  initiallyExpanded = false,
}: WarningProps) {
  const [expanded, setExpanded] = useState(initiallyExpanded);
  const [dismissed, setDismissed] = useState<{ choice: DismissChoice; now: boolean } | null>(
    initiallyDismissed ? { choice: initiallyDismissed, now: false } : null,
  );
  const wrapper = useRef<HTMLSpanElement>(null);
  const pill = useRef<HTMLButtonElement>(null);
  const cardId = useId();
  const { tone, icon, verdictLabel, headline } = pillWording(view);
  const close = (returnFocus: boolean) => {
    setExpanded(false);
    if (returnFocus) pill.current?.focus({ preventScroll: true });
  };
  const dismiss = onDismiss
    ? (choice: DismissChoice) => {
        onDismiss(choice);
        if (!onUndo) return;
        setExpanded(false);
        setDismissed({ choice, now: true });
      }
    : undefined;
  if (dismissed && onUndo)
    return (
      <Dismissed
        view={view}
        focus={dismissed.now}
        onUndo={() => {
          setDismissed(null);
          onUndo();
          // Back to the pill, where the person was.
          requestAnimationFrame(() => pill.current?.focus({ preventScroll: true }));
        }}
      />
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would bring form semantics and styling to an inline badge.
    <span
      ref={wrapper}
      class={`vw ${tone}`}
      role="group"
      aria-label={`VendorWatch: ${view.vendorName}`}
      onFocusOut={(event) => {
        // Focus moved somewhere else on the page (not into the card, and not nowhere, as a click on card text does).
        const next = event.relatedTarget as Node | null;
        if (expanded && next && !wrapper.current?.contains(next)) setExpanded(false);
      }}
    >
      <button
        ref={pill}
        type="button"
        class="pill"
        aria-expanded={expanded}
        // Only while the card exists: an id that points nowhere helps no one.
        aria-controls={expanded ? cardId : undefined}
        aria-describedby={DESCRIPTION_ID}
        onClick={() => setExpanded(!expanded)}
        title={headline}
      >
        <span class="icon" aria-hidden="true">
          {icon}
        </span>
        <span class="pill-text">
          {verdictLabel}: {view.vendorName}
        </span>
      </button>
      <span id={DESCRIPTION_ID} hidden>
        VendorWatch: {headline}
      </span>
      {expanded ? (
        <Card
          id={cardId}
          view={view}
          headline={headline}
          verdictLabel={verdictLabel}
          anchor={pill}
          wrapper={wrapper}
          onClose={(how) => {
            // Escape from inside the warning returns focus to the pill; elsewhere on the page it leaves focus be.
            const focused = (wrapper.current?.getRootNode() as DocumentOrShadowRoot | undefined)?.activeElement;
            close(how === 'escape' && Boolean(focused && wrapper.current?.contains(focused)));
          }}
          onDismiss={dismiss}
          withChoices={Boolean(onUndo)}
          offerVendorScope={offerVendorScope}
          place={place}
          onWhy={onWhy}
        />
      ) : null}
    </span>
  );
}

interface CardProps {
  view: WarningView;
  onDismiss?: (choice: DismissChoice) => void;
  /** Dismissing asks which scope, with an optional reason; otherwise one button dismisses the item. */
  withChoices: boolean;
  offerVendorScope?: boolean;
  place?: 'site' | 'file';
  onWhy?: () => void;
  id: string;
  headline: string;
  verdictLabel: string;
  anchor: RefObject<HTMLElement | null>;
  wrapper: RefObject<HTMLElement | null>;
  onClose(how: 'escape' | 'outside'): void;
}

/** The opened card: floats above the page next to its pill (see popover.ts), one open at a time. */
/** The explicit choice: this item, or the vendor on this site, with an optional reason. */
function DismissChoices({
  view,
  offerVendorScope,
  place,
  onChoose,
  onCancel,
}: {
  view: WarningView;
  offerVendorScope?: boolean;
  place?: 'site' | 'file';
  onChoose(choice: DismissChoice): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus({ preventScroll: true }), []);
  const choose = (scope: DismissChoice['scope']) =>
    onChoose({ scope, decision: 'dismissed', ...(reason.trim() ? { reason: reason.trim() } : {}) });
  return (
    <fieldset class="dismiss-choices">
      <legend>{t('warningDismissLegend')}</legend>
      <label>
        {t('warningDismissReason')}
        <input
          ref={first}
          type="text"
          class="reason"
          maxLength={REASON_MAX}
          value={reason}
          onInput={(event) => setReason((event.target as HTMLInputElement).value)}
        />
      </label>
      <div class="choice-buttons">
        <button type="button" class="dismiss-item" onClick={() => choose('item')}>
          {t('warningDismissItem')}
        </button>
        {offerVendorScope ? (
          <button type="button" class="dismiss-vendor" onClick={() => choose('vendor')}>
            {place === 'file'
              ? t('warningDismissVendorFile', view.vendorName)
              : t('warningDismissVendor', view.vendorName)}
          </button>
        ) : null}
        <button type="button" class="cancel" onClick={onCancel}>
          {t('warningDismissCancel')}
        </button>
      </div>
    </fieldset>
  );
}

function Card({
  id,
  view,
  headline,
  verdictLabel,
  anchor,
  wrapper,
  onClose,
  onDismiss,
  withChoices,
  offerVendorScope,
  place,
  onWhy,
}: CardProps) {
  const [allMeasures, setAllMeasures] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const card = useRef<HTMLElement>(null);
  const measures = allMeasures ? view.measures : view.measures.slice(0, FIRST_MEASURES);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useLayoutEffect(() => {
    const element = card.current;
    const pill = anchor.current;
    if (!element || !pill || !wrapper.current) return;
    showInTopLayer(element);
    placeCard(element, pill);
    const release = claimOpen({ close: () => closeRef.current('outside') });
    const stop = followAndDismiss(element, pill, hostOf(wrapper.current), (how) => closeRef.current(how));
    return () => {
      stop();
      release();
    };
  }, []);
  // Showing every measure changes the card's size: keep it on screen.
  useLayoutEffect(() => {
    if (card.current && anchor.current) placeCard(card.current, anchor.current);
  }, [allMeasures, choosing]);
  return (
    <section class="card" id={id} ref={card} popover="manual" aria-label={`VendorWatch: ${view.vendorName}`}>
      <p class="verdict-line">{headline}</p>
      {view.ownReason ? (
        <p class="own-reason">
          <strong>{t('warningOwnReason')}</strong> {view.ownReason}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('warningVerdict')}</dt>
        <dd>{verdictLabel}</dd>
        <dt>{t('warningMatchedText')}</dt>
        <dd class="evidence">“{view.evidence}”</dd>
        {view.path ? (
          <>
            <dt>{t('warningWhy')}</dt>
            <dd>
              {view.path.brand}: {tx(view.path.phraseText)}
              {view.path.sourceUrl ? (
                <>
                  {' '}
                  (
                  <a href={view.path.sourceUrl} target="_blank" rel="noopener noreferrer">
                    {t('warningSourceLink')}
                  </a>
                  )
                </>
              ) : null}
              {view.path.caveat ? <span class="caveat">{view.path.caveat}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {measures.length > 0 ? (
        <ul class="measures">
          {measures.map((measure) => (
            <MeasureItem key={measure.id} measure={measure} />
          ))}
        </ul>
      ) : null}
      {view.measures.length > measures.length ? (
        <button type="button" class="more" onClick={() => setAllMeasures(true)}>
          {t(
            pluralKey('warningMoreMeasures', view.measures.length - measures.length, t('localeCode')),
            view.measures.length - measures.length,
          )}
        </button>
      ) : null}
      {onDismiss && choosing ? (
        <DismissChoices
          view={view}
          offerVendorScope={offerVendorScope}
          place={place}
          onChoose={onDismiss}
          onCancel={() => setChoosing(false)}
        />
      ) : null}
      <div class="actions">
        {onDismiss ? (
          <button
            type="button"
            class="dismiss"
            aria-expanded={withChoices ? choosing : undefined}
            onClick={() => (withChoices ? setChoosing(!choosing) : onDismiss({ scope: 'item', decision: 'dismissed' }))}
          >
            {t('warningDismiss')}
          </button>
        ) : null}
        {onDismiss && offerVendorScope ? (
          <button
            type="button"
            class="not-this-vendor"
            onClick={() => onDismiss({ scope: 'evidence', decision: 'not-this-vendor' })}
          >
            {t('warningNotThisVendor')}
          </button>
        ) : null}
        {onWhy ? (
          <button type="button" class="why" onClick={onWhy}>
            {t('warningWhyFlagged')}
          </button>
        ) : null}
        <span class="version">{t('warningListVersion', view.listVersion)}</span>
      </div>
    </section>
  );
}
