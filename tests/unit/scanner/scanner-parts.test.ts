/** The scanner's parts in a DOM implementation (linkedom), below the end-to-end tier. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { BlockContext } from '../../../lib/engine/index';
import { cardsUnder } from '../../../scanner/adapter-cards';
import { type Block, BlockWalker, markOwnWarning } from '../../../scanner/blocks';
import { MatchStream } from '../../../scanner/match-stream';
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

describe('matching while reading (match-stream.ts)', () => {
  const block = (text: string): Block => ({ element: {} as Element, text });
  const stream = (sent: string[][], options: { cells?: boolean; fail?: boolean } = {}) => {
    const matched: Array<[string, number]> = [];
    const contexts: Array<Array<[number, BlockContext]>> = [];
    const s = new MatchStream<number>({
      maxChars: 6,
      match: async (texts, given) => {
        sent.push(texts);
        contexts.push(given);
        if (options.fail) throw new Error('background unreachable');
        return texts.map((text) => (text.startsWith('c') ? [text.length] : undefined));
      },
      contextOf: (b) => (b.text === 'bb' ? { header: 'Model' } : undefined),
      cellsRead: () => options.cells === true,
      onMatched: (b, matches) => {
        if (matches) matched.push([b.text, matches[0]!]);
      },
    });
    return { s, matched, contexts };
  };

  it('sends full messages only when asked, under the limit, a long text alone, the rest at the end', async () => {
    const sent: string[][] = [];
    const { s, matched, contexts } = stream(sent);
    s.add(['aaaa', 'bb', 'cccccccc', 'd', 'e'].map(block));
    expect(sent).toEqual([]);
    expect(s.full).toBe(true);
    s.send();
    expect(sent).toEqual([['aaaa', 'bb'], ['cccccccc']]);
    expect(s.full).toBe(false);
    s.send(true);
    expect(sent).toEqual([['aaaa', 'bb'], ['cccccccc'], ['d', 'e']]);
    await s.settled();
    expect(matched).toEqual([['cccccccc', 8]]);
    // No table cell read: no block's context is looked up.
    expect(contexts.every((given) => given.length === 0)).toBe(true);
  });

  it('gives table cells their context once a cell has been read, by index in their message', async () => {
    const sent: string[][] = [];
    const { s, contexts } = stream(sent, { cells: true });
    s.add(['aaaa', 'bb'].map(block));
    s.send(true);
    await s.settled();
    expect(contexts).toEqual([[[1, { header: 'Model' }]]]);
  });

  it('rejects when a message fails, after sending the rest', async () => {
    const sent: string[][] = [];
    const { s } = stream(sent, { fail: true });
    s.add(['aaaa', 'bb', 'cc'].map(block));
    s.send(true);
    await expect(s.settled()).rejects.toThrow('background unreachable');
    expect(sent).toHaveLength(2);
  });
});

describe('blocks handed out while reading (takeFinished)', () => {
  it('hands out every block once, over several slices, the same blocks as blocks()', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `<p>Item <b>${i}</b></p>`).join('');
    const html = `<main id="m">Intro <div>${items} tail</div> middle <p>Dahua</p></main>`;
    const once = new BlockWalker(page(html).document.getElementById('m')!);
    once.step();
    const whole = once.blocks().map((b) => b.text);
    const walker = new BlockWalker(page(html).document.getElementById('m')!);
    const slices: string[][] = [];
    // A deadline already past: the walk stops at every look at the clock (every 256 nodes).
    for (let done = false; !done; ) {
      done = walker.step(-1);
      slices.push(walker.takeFinished().map((b) => b.text));
    }
    expect(slices.length).toBeGreaterThan(3);
    expect(slices.flat().sort()).toEqual([...whole].sort());
    expect(walker.takeFinished()).toEqual([]);
  });

  it('keeps a block open while the walk is inside its element', () => {
    const nested = Array.from({ length: 300 }, (_, i) => `<p>Item ${i}</p>`).join('');
    const { document } = page(`<main id="m">Makers: Hikvision <section>${nested}</section> and Dahua</main>`);
    const walker = new BlockWalker(document.getElementById('m')!);
    const early = walker.step(-1) ? [] : walker.takeFinished().map((b) => b.text);
    // The walk stopped inside the section: some items are finished, the main's own text is not.
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((text) => text.startsWith('Item'))).toBe(true);
    walker.step();
    const rest = walker.takeFinished().map((b) => b.text);
    expect(rest[0]).toBe('Makers: Hikvision  and Dahua');
    expect([...early, ...rest]).toHaveLength(301);
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
