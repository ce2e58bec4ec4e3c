/**
 * The "Check documents" page: drop or pick files (PDF, Word, Excel, PowerPoint, OpenDocument, ZIP packs, HTML, text,
 * CSV, JSON) or paste a list of products and model numbers, and see the findings grouped by file with where each
 * one is, on the same rationale cards as on pages, with the same dismissals (this item, the vendor in this file, or
 * not this vendor, with a reason and Undo; records as in lib/dismissals.ts, applying to their file) and the same
 * evidence export. The files are read in this page's own worker and never leave the browser. Glue (reading,
 * matching, downloads) comes in as props.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DismissChoice } from '../lib/dismissals';
import { type DocumentFinding, documentDismissal } from '../lib/evidence/documents';
import { pluralKey } from '../lib/i18n/plural';
import type { WarningView } from '../lib/present/warning-view';
import type { Dismissal } from '../lib/storage';
import { DismissalList } from './DismissalList';
import { t } from './i18n';
import { Warning } from './Warning';
import { WARNING_CSS } from './warning-styles';

export type { DocumentFinding } from '../lib/evidence/documents';

export interface DocumentResult {
  file: string;
  type: string;
  /** "12 pages", "2 sheets, 1,204 rows"; absent when skipped. */
  extent?: string;
  skipped?: string;
  notes: string[];
  findings: DocumentFinding[];
}

export interface Progress {
  label: string;
  done: number;
  total: number;
}

interface CheckDocumentsProps {
  results: DocumentResult[];
  progress: Progress | null;
  /** The dismissals made on this page (each applies to its file, named in `site`). */
  dismissals: readonly Dismissal[];
  /** Findings whose card was just dismissed, with the dismissal's id: they show "Dismissed · Undo" in place. */
  undoable: ReadonlyMap<number, string>;
  /** Changes when a dismissal is undone from a file's list, so cards showing "Dismissed · Undo" start afresh. */
  generation: number;
  /** Set when opened with "Check this PDF": the address to read, once the person agrees. */
  pendingUrl: string | null;
  initialText: string;
  onFiles(files: File[]): void;
  onText(text: string): void;
  onUrl(url: string): void;
  onDismiss(file: string, finding: DocumentFinding, choice: DismissChoice): void;
  /** "Undo" on the card of a finding just dismissed. */
  onUndoFinding(id: number): void;
  /** "Undo" in a file's list of dismissals. */
  onUndoDismissal(dismissal: Dismissal): void;
  onExport(format: 'csv' | 'json' | 'report'): void;
  onClear(): void;
}

/** One rationale card in its own shadow root with the warning's shared styles, as on a page. */
function Card({
  view,
  dismissed,
  onDismiss,
  onUndo,
}: {
  view: WarningView;
  /** Shown as "Dismissed · Undo" from the start. */
  dismissed?: DismissChoice;
  onDismiss(choice: DismissChoice): void;
  onUndo(): void;
}) {
  const host = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    if (shadow.adoptedStyleSheets.length === 0) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(WARNING_CSS);
      shadow.adoptedStyleSheets = [sheet];
    }
    render(
      <Warning
        view={view}
        onDismiss={onDismiss}
        onUndo={onUndo}
        offerVendorScope
        place="file"
        {...(dismissed ? { dismissed } : {})}
        onWhy={() => window.open(`/watchlist.html#vendor-${view.vendorId}`, '_blank', 'noopener')}
      />,
      shadow,
    );
  }, [view, onDismiss, onUndo, dismissed]);
  return (
    <span
      ref={host}
      data-vendorwatch-vendor={view.vendorId}
      data-vendorwatch-evidence={view.evidence}
      data-vendorwatch-verdict={view.verdict}
      data-vendorwatch-measures={view.measures.map((m) => m.id).join(' ')}
    />
  );
}

/** A file's findings, each with the dismissal covering it (if any). */
const decide = (result: DocumentResult, dismissals: readonly Dismissal[]) =>
  result.findings.map((finding) => ({ finding, dismissal: documentDismissal(dismissals, result.file, finding) }));

function FileSection({ result, props }: { result: DocumentResult; props: CheckDocumentsProps }) {
  const decided = decide(result, props.dismissals);
  const shown = decided.filter((d) => !d.dismissal).map((d) => d.finding);
  // What a dismissal covers goes, except the card it was made on, which offers Undo.
  const listed = decided.filter((d) => !d.dismissal || props.undoable.get(d.finding.id) === d.dismissal.id);
  const fileDismissals = props.dismissals.filter((d) => d.site === result.file);
  const vendors = [...new Set(shown.map((f) => f.view.vendorName))];
  return (
    <section class="file" data-file={result.file} aria-label={result.file}>
      <h2>{result.file}</h2>
      {result.skipped !== undefined ? (
        <p class="skipped" data-testid="skipped">
          {t('docsNotRead', result.skipped)}
        </p>
      ) : (
        <p class="summary muted" data-testid="summary">
          {shown.length === 0
            ? t('docsNoFindings')
            : t(pluralKey('docsFindings', shown.length, t('localeCode')), shown.length, vendors.join(', '))}
          {result.extent ? ` · ${result.type === 'ZIP pack' ? result.extent : t('docsRead', result.extent)}` : ''}
        </p>
      )}
      {result.notes.map((note) => (
        <p class="note muted" key={note}>
          {note}
        </p>
      ))}
      {listed.length > 0 ? (
        <ul class="findings">
          {listed.map(({ finding, dismissal }) => (
            <li key={`${finding.id}:${props.generation}`} data-location={finding.location}>
              <span class="location">{finding.location}</span>
              <Card
                view={finding.view}
                {...(dismissal
                  ? {
                      dismissed: {
                        scope: dismissal.scope,
                        decision: dismissal.decision,
                        ...(dismissal.reason ? { reason: dismissal.reason } : {}),
                      },
                    }
                  : {})}
                onDismiss={(choice) => props.onDismiss(result.file, finding, choice)}
                onUndo={() => props.onUndoFinding(finding.id)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {fileDismissals.length > 0 ? (
        <section class="file-dismissals" aria-label={t('docsDismissedTitle')} data-testid="file-dismissals">
          <h3>{t('docsDismissedTitle')}</h3>
          <DismissalList
            dismissals={fileDismissals}
            undoLabel={t('warningUndo')}
            place="file"
            onUndo={props.onUndoDismissal}
          />
        </section>
      ) : null}
    </section>
  );
}

export function CheckDocuments(props: CheckDocumentsProps) {
  const [text, setText] = useState(props.initialText);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const total = props.results.reduce((n, r) => n + decide(r, props.dismissals).filter((d) => !d.dismissal).length, 0);
  return (
    <main class="check-documents">
      <h1>{t('docsTitle')}</h1>
      <p class="muted">{t('docsIntro')}</p>
      {props.pendingUrl ? (
        <p class="pending">
          <button type="button" data-testid="check-url" onClick={() => props.onUrl(props.pendingUrl!)}>
            {t('docsCheckPdf')}
          </button>{' '}
          <span class="muted">{props.pendingUrl}</span>
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is a pointer target; its button and the file input are the keyboard path. */}
      <div
        class={over ? 'drop over' : 'drop'}
        data-testid="drop"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          const files = [...(event.dataTransfer?.files ?? [])];
          if (files.length > 0) props.onFiles(files);
        }}
      >
        <p>{t('docsDrop')}</p>
        <button type="button" onClick={() => input.current?.click()}>
          {t('docsChoose')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(event) => {
            const target = event.target as HTMLInputElement;
            const files = [...(target.files ?? [])];
            target.value = '';
            if (files.length > 0) props.onFiles(files);
          }}
        />
      </div>
      <label class="paste">
        {t('docsPaste')}
        <textarea
          rows={5}
          value={text}
          data-testid="paste"
          onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
        />
      </label>
      <button type="button" data-testid="check-text" disabled={!text.trim()} onClick={() => props.onText(text)}>
        {t('docsCheckList')}
      </button>
      {props.progress ? (
        <div class="progress" role="status" data-testid="progress">
          <progress value={props.progress.done} max={Math.max(1, props.progress.total)} />{' '}
          <span>{props.progress.label}</span>
        </div>
      ) : null}
      {props.results.length > 0 ? (
        <>
          <div class="toolbar">
            <p role="status" data-testid="total">
              {t('docsTotal', total, props.results.length)}
            </p>
            <span>{t('docsExport')}</span>
            <button type="button" onClick={() => props.onExport('csv')}>
              CSV
            </button>
            <button type="button" onClick={() => props.onExport('json')}>
              JSON
            </button>
            <button type="button" onClick={() => props.onExport('report')}>
              {t('docsPrintable')}
            </button>
            <button type="button" class="link" onClick={props.onClear}>
              {t('docsClear')}
            </button>
          </div>
          {props.results.map((result) => (
            <FileSection key={result.file} result={result} props={props} />
          ))}
        </>
      ) : null}
    </main>
  );
}
