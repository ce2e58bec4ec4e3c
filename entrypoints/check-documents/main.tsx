/**
 * Glue for the Check documents page: files go to this page's reader worker, the blocks it reads go to the background
 * to be matched with the settings in effect (the same matcher pages use, so user entries, organisation lists and
 * sensitivity apply alike), and the findings come back with their views. Nothing is uploaded anywhere.
 */
import { render } from 'preact';
import { z } from 'zod';
import {
  CheckDocuments,
  type DocumentFinding,
  type DocumentResult,
  type Progress,
} from '../../components/CheckDocuments';
import { t } from '../../components/i18n';
import { setPageLanguage } from '../../components/page-language';
import { itemExcerpt, itemKey, newDismissal, withoutDismissal } from '../../lib/dismissals';
import { type DocumentBlock, locationAt } from '../../lib/documents/blocks';
import { documentBlocks } from '../../lib/documents/index';
import { DEFAULT_LIMITS, megabytes } from '../../lib/documents/limits';
import { blockContext } from '../../lib/documents/scan';
import type { BlockContext } from '../../lib/engine/index';
import { documentEvidence } from '../../lib/evidence/documents';
import { toCsv, toJson, toPrintableHtml } from '../../lib/evidence/format';
import type { EvidenceReport } from '../../lib/evidence/report';
import { packTexts } from '../../lib/matching/wire';
import type { Reply } from '../../lib/protocol';
import { type Dismissal, STORAGE } from '../../lib/storage';
import { offerDownload } from '../../platform/download';
import { send } from '../../platform/messaging';
import { getItem, removeItems, setItem } from '../../platform/storage';
import '../../components/extension-page.css';
import './check-documents.css';
import { errorMessage } from '../../lib/error-message';

/** What the reader worker posts: validated, since it carries what hostile files turned into. */
const workerMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), file: z.string(), done: z.number(), total: z.number(), unit: z.string() }),
  z.object({
    kind: z.literal('file'),
    result: z.object({
      file: z.string(),
      type: z.string(),
      skipped: z.string().optional(),
      read: z
        .object({
          blocks: z.array(
            z.object({
              text: z.string(),
              location: z.string(),
              cells: z
                .array(z.object({ start: z.number(), location: z.string(), header: z.string().optional() }))
                .optional(),
              context: z
                .object({
                  header: z.string().optional(),
                  item: z.array(z.object({ text: z.string(), header: z.string().optional() })).optional(),
                })
                .optional(),
            }),
          ),
          extent: z.string(),
          notes: z.array(z.string()),
        })
        .optional(),
    }),
  }),
  z.object({ kind: z.literal('done') }),
]);

/** Blocks sent to the background per message: large documents go in slices, so progress moves and no message is huge. */
const BATCH = 4000;

const state = {
  results: [] as DocumentResult[],
  progress: null as Progress | null,
  /** Dismissals made on this page, as records (lib/dismissals.ts) whose `site` is the file; gone with the page. */
  dismissals: [] as Dismissal[],
  /** Findings whose card was just dismissed (with the dismissal's id): they keep a "Dismissed · Undo" card. */
  undoable: new Map<number, string>(),
  /** Bumped by an undo from a file's list, so a card still showing "Dismissed · Undo" is drawn afresh. */
  generation: 0,
  watchlist: null as Reply<'match-documents'>['watchlist'] | null,
  pendingUrl: null as string | null,
  initialText: '',
};
let nextId = 0;
let queue: Promise<void> = Promise.resolve();
const startReader = () => new Worker(new URL('./reader-worker.ts', import.meta.url), { type: 'module' });
let worker = startReader();

function draw() {
  render(
    <CheckDocuments
      results={state.results}
      progress={state.progress}
      dismissals={state.dismissals}
      undoable={state.undoable}
      generation={state.generation}
      pendingUrl={state.pendingUrl}
      initialText={state.initialText}
      onFiles={(files) => {
        for (const file of files) enqueue(file.name, () => file.arrayBuffer(), file.size);
      }}
      onText={(text) =>
        enqueue('pasted list', async () => new TextEncoder().encode(text).buffer as ArrayBuffer, text.length, 'text')
      }
      onUrl={(url) => void checkUrl(url)}
      onDismiss={(file, finding, choice) => {
        const dismissal: Dismissal = {
          ...newDismissal({
            id: crypto.randomUUID(),
            site: file,
            target: {
              vendorId: finding.view.vendorId,
              vendorName: finding.view.vendorName,
              evidence: finding.view.evidence,
              itemText: finding.item,
            },
            choice,
            now: new Date(),
          }),
          // The key of the whole block's text (the page keeps only its start).
          itemKey: finding.key,
        };
        state.dismissals = [...state.dismissals, dismissal];
        state.undoable.set(finding.id, dismissal.id);
        draw();
      }}
      onUndoFinding={(id) => {
        const dismissalId = state.undoable.get(id);
        state.undoable.delete(id);
        if (dismissalId) state.dismissals = withoutDismissal(state.dismissals, dismissalId);
        draw();
      }}
      onUndoDismissal={(dismissal) => {
        state.dismissals = withoutDismissal(state.dismissals, dismissal.id);
        for (const [finding, id] of state.undoable) if (id === dismissal.id) state.undoable.delete(finding);
        state.generation++;
        draw();
      }}
      onExport={(format) => void exportFindings(format)}
      onClear={() => {
        state.results = [];
        state.dismissals = [];
        state.undoable.clear();
        draw();
      }}
    />,
    document.getElementById('app')!,
  );
}

/** Files are read one after another, in the order given. */
function enqueue(name: string, bytes: () => Promise<ArrayBuffer>, size: number, kind: 'file' | 'text' = 'file') {
  queue = queue
    .then(() => (kind === 'text' ? checkText(name, bytes) : checkFile(name, bytes, size)))
    .catch((error) => {
      addResult({
        file: name,
        type: 'file',
        skipped: `cannot read: ${errorMessage(error)}`,
        notes: [],
        findings: [],
      });
    });
}

function addResult(result: DocumentResult) {
  state.results = [...state.results.filter((r) => r.file !== result.file), result];
  draw();
}

async function checkText(name: string, bytes: () => Promise<ArrayBuffer>) {
  const text = new TextDecoder().decode(await bytes());
  const blocks = documentBlocks('text', text);
  addResult({
    file: name,
    type: 'text',
    extent: `${blocks.length} line${blocks.length === 1 ? '' : 's'}`,
    notes: [],
    findings: await match(name, blocks),
  });
}

async function checkFile(name: string, bytes: () => Promise<ArrayBuffer>, size: number) {
  if (size > DEFAULT_LIMITS.maxFileBytes) {
    addResult({
      file: name,
      type: 'file',
      skipped: `larger than ${megabytes(DEFAULT_LIMITS.maxFileBytes)}; not read`,
      notes: [],
      findings: [],
    });
    return;
  }
  state.progress = { label: t('docsReading', name), done: 0, total: 1 };
  draw();
  const buffer = await bytes();
  const pending: Array<Promise<void>> = [];
  await new Promise<void>((resolve) => {
    worker.onmessage = (event) => {
      const message = workerMessage.safeParse(event.data);
      if (!message.success) return;
      const data = message.data;
      if (data.kind === 'progress') {
        state.progress = {
          label: t('docsReadingPart', data.file, Math.min(data.done + 1, data.total), data.total),
          done: data.done,
          total: data.total,
        };
        draw();
      } else if (data.kind === 'file') {
        const { file, type, skipped, read } = data.result;
        pending.push(
          (async () => {
            const findings = read ? await match(file, read.blocks) : [];
            addResult({ file, type, skipped, extent: read?.extent, notes: read?.notes ?? [], findings });
          })(),
        );
      } else resolve();
    };
    // A reader that dies (out of memory on a hostile file, or failed to start) must not leave the queue waiting
    // for ever: the file is reported as not read and the next one gets a fresh reader.
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      worker = startReader();
      addResult({
        file: name,
        type: 'file',
        skipped: `the reader stopped${event.message ? `: ${event.message}` : ''}`,
        notes: [],
        findings: [],
      });
      resolve();
    };
    worker.postMessage({ name, bytes: buffer }, [buffer]);
  });
  await Promise.all(pending);
  state.progress = null;
  draw();
}

/** Matches a file's blocks in the background, in slices, and locates each finding in its block. */
async function match(file: string, blocks: DocumentBlock[]): Promise<DocumentFinding[]> {
  const findings: DocumentFinding[] = [];
  for (let start = 0; start < blocks.length || start === 0; start += BATCH) {
    const slice = blocks.slice(start, start + BATCH);
    if (blocks.length > BATCH) {
      state.progress = {
        label: t('docsChecking', file, start + slice.length, blocks.length),
        done: start,
        total: blocks.length,
      };
      draw();
    }
    // Each block's own structure (a row's headers, a table cell's neighbours), so this page finds what the CLI finds.
    const contexts = slice.flatMap((block, index): Array<[number, BlockContext]> => {
      const context = blockContext(block);
      return context.header !== undefined || context.item !== undefined ? [[index, context]] : [];
    });
    const reply = await send('match-documents', {
      packed: packTexts(slice.map((b) => b.text)),
      ...(contexts.length > 0 ? { contexts } : {}),
    });
    state.watchlist = reply.watchlist;
    for (const [index, matches] of reply.hits) {
      const block = slice[index];
      if (!block) continue;
      for (const { finding, view } of matches)
        findings.push({
          id: nextId++,
          location: locationAt(block, finding.start),
          item: itemExcerpt(block.text),
          key: itemKey(block.text),
          view,
        });
    }
    if (blocks.length === 0) break;
  }
  return findings;
}

/** "Check this PDF": asks for access to that site if needed (the person's click), then reads it here. */
async function checkUrl(url: string) {
  const address = new URL(url);
  const origins = [`${address.origin}/*`];
  const allowed = (await browser.permissions.contains({ origins })) || (await browser.permissions.request({ origins }));
  const name = decodeURIComponent(address.pathname.split('/').pop() || address.hostname);
  if (!allowed) {
    addResult({
      file: name,
      type: 'PDF',
      skipped: t('docsNotAllowed', address.origin),
      notes: [],
      findings: [],
    });
    return;
  }
  state.pendingUrl = null;
  enqueue(
    name,
    async () => {
      const response = await fetch(url, { credentials: 'include' });
      if (!response.ok) throw new Error(`the site answered ${response.status}`);
      return response.arrayBuffer();
    },
    0,
  );
}

async function exportFindings(format: 'csv' | 'json' | 'report') {
  const watchlist = state.watchlist ?? (await send('match-documents', { packed: '' })).watchlist;
  const report: EvidenceReport = {
    pageUrl: '',
    pageTitle: `Documents: ${state.results.map((r) => r.file).join(', ')}`,
    capturedAt: new Date().toISOString(),
    watchlist,
    // Dismissed findings stay in the record, marked with the decision, when and why.
    findings: documentEvidence(state.results, state.dismissals),
  };
  const stamp = report.capturedAt.slice(0, 19).replace(/[:T]/g, '-');
  if (format === 'report') {
    const id = crypto.randomUUID();
    await setItem(STORAGE.report(id), toPrintableHtml(report));
    await browser.tabs.create({ url: browser.runtime.getURL(`/report.html?id=${id}`) });
    return;
  }
  const [text, type, extension] =
    format === 'csv' ? [toCsv(report), 'text/csv', 'csv'] : [toJson(report), 'application/json', 'json'];
  offerDownload(text, type, `vendorwatch-documents-${stamp}.${extension}`);
}

async function start() {
  setPageLanguage();
  const params = new URLSearchParams(location.search);
  const url = params.get('url');
  if (url && /^https?:\/\//.test(url)) state.pendingUrl = url;
  const selection = params.get('selection');
  if (selection) {
    const item = STORAGE.selection(selection);
    const text = await getItem(item);
    if (text !== null) {
      await removeItems('session', [item.key]);
      state.initialText = text;
      draw();
      enqueue('selected text', async () => new TextEncoder().encode(text).buffer as ArrayBuffer, text.length, 'text');
      return;
    }
  }
  draw();
}

void start();
