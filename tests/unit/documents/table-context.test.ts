/**
 * Table context: a cell's column header and the rest of its row (grids), or the other properties of a specification
 * table, for the saved-HTML reader and the content script alike; and what it changes for a model code other makers
 * share, on a page that names its maker only in the next cell.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlDocumentBlocks } from '../../../lib/documents/html';
import { scanBlocks } from '../../../lib/documents/scan';
import { type TableModel, tableContexts } from '../../../lib/documents/table-context';
import { createEngine } from '../../../lib/engine/index';
import { loadWatchlist } from '../../../lib/watchlist/index';

const engine = createEngine(
  loadWatchlist(JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8'))),
);
const row = (cells: string[], heading = false, inHead = false) => ({
  cells: cells.map((text) => ({ text, heading })),
  inHead,
});

describe('table context', () => {
  it('grid: each body cell gets its column header and the rest of its row under their headers', () => {
    const table: TableModel = {
      rows: [row(['Item', 'Manufacturer', 'Model'], true, true), row(['1', 'Quectel', 'EG25-G'])],
    };
    const contexts = tableContexts(table);
    expect(contexts[0]).toEqual([undefined, undefined, undefined]);
    expect(contexts[1]![2]).toEqual({
      header: 'Model',
      item: [
        { text: '1', header: 'Item' },
        { text: 'Quectel', header: 'Manufacturer' },
      ],
    });
  });

  it('a first row of <th> cells is the header row when there is no <thead>', () => {
    const contexts = tableContexts({ rows: [row(['Brand', 'Part'], true), row(['Fibocom', 'FM150-AE'])] });
    expect(contexts[1]![1]).toEqual({ header: 'Part', item: [{ text: 'Fibocom', header: 'Brand' }] });
  });

  it('specification table: the value under its property, the other properties as the item', () => {
    const contexts = tableContexts({
      rows: [row(['Brand', 'Hytera']), row(['Model', 'PD785']), row(['Band', 'UHF'])].map((r) => ({
        ...r,
        cells: [{ ...r.cells[0]!, heading: true }, r.cells[1]!],
      })),
    });
    expect(contexts[1]![1]).toEqual({
      header: 'Model',
      item: [
        { text: 'Hytera', header: 'Brand' },
        { text: 'UHF', header: 'Band' },
      ],
    });
    expect(contexts[1]![0]).toBeUndefined();
  });

  it('no context for a single-column list, or for prose-length cells', () => {
    expect(tableContexts({ rows: [row(['EG25-G']), row(['EM7565'])] }).flat()).toEqual([undefined, undefined]);
    const prose = 'x'.repeat(300);
    const contexts = tableContexts({ rows: [row(['Maker', 'Notes'], true), row(['Quectel', prose])] });
    expect(contexts[1]![1]).toBeUndefined();
  });
});

describe('saved HTML tables', () => {
  const page = (rows: string) =>
    `<html><body><p>Lot 4 telemetry</p><table><thead><tr><th>Manufacturer</th><th>Model</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;

  it('a cell block carries its table context', () => {
    const blocks = htmlDocumentBlocks(page('<tr><td>Quectel</td><td><b>EG25</b>-G</td></tr>'));
    expect(blocks.find((b) => b.text === 'EG25-G')?.context).toEqual({
      header: 'Model',
      item: [{ text: 'Quectel', header: 'Manufacturer' }],
    });
  });

  it('a shared code is not given to a listed maker when its own row names another maker', () => {
    // The page names Quectel (row 1), so without the row's own maker cell the code in row 2 would be Quectel's.
    const rows = scanBlocks(
      engine,
      'lot.html',
      htmlDocumentBlocks(
        page('<tr><td>Quectel</td><td>EG25-G</td></tr><tr><td>Sierra Wireless</td><td>EG25-G</td></tr>'),
      ),
    );
    expect(rows.map((r) => [r.location, r.evidence])).toEqual([
      ['line 1', 'Quectel'],
      ['line 1', 'EG25-G'],
    ]);
  });
});
