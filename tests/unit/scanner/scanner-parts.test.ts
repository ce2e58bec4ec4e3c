/** The scanner's parts in a DOM implementation (linkedom), below the end-to-end tier. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { chunkTexts } from '../../../lib/matching/wire';
import { cardsUnder } from '../../../scanner/adapter-cards';
import { BlockWalker, markOwnWarning } from '../../../scanner/blocks';
import { MutationBatcher } from '../../../scanner/mutations';
import { placeWarning } from '../../../scanner/placement';

const page = (body: string) => parseHTML(`<!doctype html><html><body>${body}</body></html>`);

const read = (root: Element, options = {}) => {
  const walker = new BlockWalker(root, options);
  walker.step();
  return { blocks: walker.blocks().map((block) => block.text.trim()), shadowRoots: walker.shadowRoots };
};

describe('block reading', () => {
  it('reads text inside an element the page made with our tag name, and skips only our own warnings', () => {
    // The probe: the page wraps a vendor name in its own <vendorwatch-warning> so the scanner would skip it.
    const { document } = page(
      '<p>Cameras by <vendorwatch-warning>Hikvision</vendorwatch-warning></p><p id="ours">Axis</p>',
    );
    const own = document.createElement('vendorwatch-warning');
    own.textContent = 'Listed vendor: Dahua';
    markOwnWarning(own);
    document.getElementById('ours')!.append(own);
    expect(read(document.body).blocks).toEqual(['Cameras by Hikvision', 'Axis']);
  });

  it('reads a name split across inline elements as one block, and skips scripts and hidden text', () => {
    const { document } = page(
      '<p><b>Hik</b>vision <i>DS-2CD</i></p><p hidden>Dahua</p><script>ZTE</script><div>Axis</div>',
    );
    expect(read(document.body).blocks).toEqual(['Hikvision DS-2CD', 'Axis']);
  });

  it('reads open shadow roots where the page shows them, with the host’s slotted children', () => {
    const { document } = page('<div id="host"><span>In stock</span></div><p>after</p>');
    const host = document.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<h3>Hikvision DS-2CD2143G2-I</h3><slot></slot>';
    const result = read(document.body);
    expect(result.blocks).toEqual(['Hikvision DS-2CD2143G2-I', 'In stock', 'after']);
    expect(result.shadowRoots).toEqual([shadow]);
  });

  it('climbs out of nested elements and shadow roots to the right next node, and never past the root', () => {
    const { document } = page(
      '<div id="root"><div id="a"><p><b><i>Hik</i></b>vision</p></div><div id="empty-host"></div><p>Dahua</p></div><p>outside</p>',
    );
    const root = document.getElementById('root')!;
    root.attachShadow({ mode: 'open' }).innerHTML = '<h3>Shadow <span>title</span></h3><slot></slot>';
    document.getElementById('empty-host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>ZTE</p>';
    expect(read(root).blocks).toEqual(['Shadow title', 'Hikvision', 'ZTE', 'Dahua']);
  });

  it('reads the same blocks in slices as in one go, alt text and hidden elements included', () => {
    const cards = Array.from(
      { length: 600 },
      (_, i) =>
        `<div><img alt="photo ${i}"><h3><a href="#">Camera <b>${i}</b></a></h3><p hidden>Dahua ${i}</p>` +
        `<p title="t${i}">Price</p></div>`,
    ).join('');
    const { document } = page(cards);
    const whole = new BlockWalker(document.body);
    whole.step();
    const sliced = new BlockWalker(document.body);
    let slices = 1;
    // A deadline already past: every slice stops at its first look at the clock.
    while (!sliced.step(0)) slices++;
    expect(slices).toBeGreaterThan(10);
    const texts = (walker: BlockWalker) => walker.blocks().map((block) => block.text);
    expect(texts(sliced)).toEqual(texts(whole));
    expect(texts(sliced).slice(0, 3)).toEqual(['photo 0 ', 'Camera 0', 't0 Price']);
    expect(texts(sliced).join(' ')).not.toContain('Dahua');
  });

  it('reads a block of spans in one go unless a span in it hosts a shadow root', () => {
    const { document } = page(
      '<p id="plain"><span>Hik</span><span>vision</span> IPC</p><p id="host"><span id="h">light</span> IPC</p>' +
        '<p id="marked"><span title="Dahua">x</span></p>',
    );
    document.getElementById('h')!.attachShadow({ mode: 'open' }).innerHTML = '<b>Hik</b>vision <slot></slot>';
    const whole = new BlockWalker(document.body);
    whole.step();
    const walked = new BlockWalker(document.body, { segments: true });
    walked.step();
    const texts = (walker: BlockWalker) => walker.blocks().map((block) => block.text);
    expect(texts(whole)).toEqual(['Hikvision IPC', 'Hikvision light IPC', 'Dahua x']);
    expect(texts(whole)).toEqual(texts(walked));
  });

  it('reads a card whose whole content is in a shadow root as one block in single mode', () => {
    const { document } = page('<div id="card"></div>');
    const card = document.getElementById('card')!;
    card.attachShadow({ mode: 'open' }).innerHTML = '<h3>HiLook</h3><p>IPC-B140H</p>';
    expect(read(card, { single: true }).blocks).toEqual(['HiLook IPC-B140H']);
  });
});

describe('table cells read', () => {
  const cells = (root: Element, options = {}) => {
    const walker = new BlockWalker(root, options);
    walker.step();
    return walker.cells;
  };

  it('tells whether a table cell was read: in the subtree, in a shadow root, or around the root', () => {
    const { document } = page(
      '<div id="grid"><h3>Hikvision</h3><p>4MP</p></div><table><tr><td id="cell"><p id="in">EG25-G</p></td></tr></table><div id="host"></div><script><table><td>x</td></table></script>',
    );
    expect(cells(document.getElementById('grid')!)).toBe(false);
    expect(cells(document.body)).toBe(true);
    expect(cells(document.getElementById('cell')!)).toBe(true);
    expect(cells(document.getElementById('in')!, { single: true })).toBe(true);
    const host = document.getElementById('host')!;
    expect(cells(host)).toBe(false);
    host.attachShadow({ mode: 'open' }).innerHTML = '<table><tr><th>Part</th></tr></table>';
    expect(cells(host)).toBe(true);
  });
});

describe('adapter cards', () => {
  const adapter = { itemSelector: '.card, .card a', titleSelector: 'h3' };

  it('takes the outermost match as the card, with its title as anchor', () => {
    const { document } = page('<div class="card"><h3><a href="#">Dahua</a></h3></div><div class="card"><p>x</p></div>');
    const { cards, insideCard } = cardsUnder(document.body, adapter);
    expect(insideCard).toBe(false);
    expect(cards).toHaveLength(2);
    expect(cards[0]!.anchor?.localName).toBe('h3');
    expect(cards[1]!.anchor).toBeUndefined();
  });

  it('answers the enclosing card for a root inside one', () => {
    const { document } = page('<div class="card"><h3><a href="#" id="link">Dahua</a></h3></div>');
    const { cards, insideCard } = cardsUnder(document.getElementById('link')!, adapter);
    expect(insideCard).toBe(true);
    expect(cards.map(({ card }) => card.className)).toEqual(['card']);
  });
});

describe('placement', () => {
  const host = (document: Document) => document.createElement('vendorwatch-warning');

  it('puts the warning after a link, never inside it', () => {
    const { document } = page('<h3 id="t"><a href="#">Hikvision camera</a></h3>');
    const title = document.getElementById('t')!;
    const warning = host(document);
    placeWarning({ element: title, text: 'Hikvision camera' }, 0, warning);
    expect(warning.previousElementSibling?.localName).toBe('a');
    expect(warning.parentElement).toBe(title);
  });

  it('appends to an ordinary block, and beside the text in a table row', () => {
    const { document } = page('<p id="p">Dahua recorder</p><table><tbody><tr id="r">Hytera</tr></tbody></table>');
    const p = document.getElementById('p')!;
    const warning = host(document);
    placeWarning({ element: p, text: 'Dahua recorder' }, 0, warning);
    expect(p.lastElementChild).toBe(warning);
  });
});

describe('chunking for the wire', () => {
  it('cuts texts into runs under the limit, keeping offsets, a long text alone', () => {
    const chunks = chunkTexts(['aaaa', 'bb', 'cccccccc', 'd', 'e'], 6);
    expect(chunks).toEqual([
      { offset: 0, texts: ['aaaa', 'bb'] },
      { offset: 2, texts: ['cccccccc'] },
      { offset: 3, texts: ['d', 'e'] },
    ]);
    expect(chunkTexts([])).toEqual([]);
  });
});

describe('mutation batching', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

  it('hands over a burst as one batch of outermost roots, ignores its own warnings, and stops on abort', async () => {
    const { document } = page('<main id="results"><article><h3>Axis</h3></article></main>');
    const batches: Array<{ roots: string[]; removed: boolean }> = [];
    const controller = new AbortController();
    const batcher = new MutationBatcher(
      ({ roots, removed }) => batches.push({ roots: roots.map((root) => root.localName), removed }),
      controller.signal,
      5,
    );
    batcher.watch(document);
    const results = document.getElementById('results')!;
    for (const name of ['Dahua', 'Hikvision']) {
      const card = document.createElement('article');
      card.innerHTML = `<h3>${name}</h3>`;
      results.append(card);
    }
    const own = document.createElement('vendorwatch-warning');
    markOwnWarning(own);
    results.append(own);
    await settle();
    expect(batches).toEqual([{ roots: ['article', 'article'], removed: false }]);

    results.firstElementChild!.remove();
    await settle();
    expect(batches[1]).toEqual({ roots: [], removed: true });

    controller.abort();
    results.append(document.createElement('article'));
    await settle();
    expect(batches).toHaveLength(2);
  });

  it('follows a shadow root it is told about', async () => {
    const { document } = page('<div id="host"></div>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    const batches: number[] = [];
    const batcher = new MutationBatcher(({ roots }) => batches.push(roots.length), new AbortController().signal, 5);
    batcher.watch(document);
    batcher.watch(shadow);
    const card = document.createElement('div');
    card.textContent = 'Quectel EC25';
    shadow.append(card);
    await settle();
    expect(batches).toEqual([1]);
  });
});
