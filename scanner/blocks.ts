/**
 * Collects page text per *block* (a product card title, a table row cell, a tender lot paragraph), so a
 * name split across inline elements (`<b>Hik</b>vision`) is one string. Reads `Text.data` only, never
 * `innerText`, which would force layout on every call.
 */
import { BLOCK_TAGS, HIDDEN_ATTRIBUTE, READABLE_ATTRIBUTES, SKIPPED_TAGS } from '../lib/documents/markup';

const MARKED_SELECTOR = [HIDDEN_ATTRIBUTE, ...READABLE_ATTRIBUTES].map((attribute) => `[${attribute}]`).join(',');

/** Tag name of the warning host elements this extension inserts; never scanned. */
export const WARNING_HOST_TAG = 'vendorwatch-warning';

/**
 * Our own warning hosts. The page cannot reach this set (it lives in the content script's world), so an element the
 * page makes with our tag name is read like any other text (a vendor name wrapped in it is still flagged); only
 * ours are skipped.
 */
const ownWarnings = new WeakSet<Element>();
export const markOwnWarning = (host: Element): void => void ownWarnings.add(host);
export const isOwnWarning = (element: Element): boolean => ownWarnings.has(element);

interface TextSegment {
  /** The text node, or the element whose attribute supplied the text. */
  node: Text | Element;
  /** Offset of this segment in the block's text. */
  start: number;
}

export interface Block {
  element: Element;
  text: string;
  /** Where each piece of the text came from; recorded only when asked for (see `segmentAt`). */
  segments?: TextSegment[];
  /** Read as one block with everything inside it (a site adapter's card). */
  single?: boolean;
  /** Where the warning goes, when a site adapter knows better than the block itself (a card's title). */
  anchor?: Element;
}

interface BlockWalkerOptions {
  /** All text under the root is one block (a site adapter's product card), so brand and model meet. */
  single?: boolean;
  /**
   * Record which node each piece of text came from. Off for scanning: thousands of blocks would each carry an
   * array of objects only the few with findings ever need; `segmentAt` reads those few again instead.
   */
  segments?: boolean;
}

const hasMarks = (element: Element): boolean => element.matches(MARKED_SELECTOR);

/**
 * The only elements that can have a shadow root (https://dom.spec.whatwg.org/#dom-element-attachshadow, the same list
 * for declarative shadow roots), besides custom elements: others are not asked for one, which saves a call into the
 * browser per link, image or inline element.
 */
const SHADOW_HOST_TAGS: ReadonlySet<string> = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);
const mayHostShadow = (name: string): boolean => SHADOW_HOST_TAGS.has(name) || name.includes('-');

function isSkipped(element: Element): boolean {
  return SKIPPED_TAGS.has(element.localName) || isOwnWarning(element) || element.hasAttribute(HIDDEN_ATTRIBUTE);
}

export function isBlockElement(element: Element): boolean {
  return BLOCK_TAGS.has(element.localName);
}

/** Nearest block ancestor (or the element itself). */
export function blockOf(node: Node): Element | null {
  let current: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (current && (current.nodeType === 1 || current.nodeType === 11)) {
    // Out of a shadow root to its host: the host's block is where the shadow's text belongs.
    if (current.nodeType === 11) {
      current = (current as ShadowRoot).host ?? null;
      continue;
    }
    const element = current as Element;
    if (isBlockElement(element)) return element;
    current = element.parentNode;
  }
  return current && current.nodeType === 9 ? (current as Document).body : null;
}

const isCellName = (name: string) => name === 'td' || name === 'th';

/** What the ancestors of `node` say about it: whether one is skipped, and whether one is a table cell. */
function ancestry(node: Node): { skipped: boolean; cell: boolean } {
  let cell = false;
  for (let current = node.parentNode; current; current = current.parentNode) {
    if (current.nodeType !== 1) continue;
    if (isSkipped(current as Element)) return { skipped: true, cell };
    cell ||= isCellName((current as Element).localName);
  }
  return { skipped: false, cell };
}

/**
 * Inline elements that bring no text of their own (no attribute text once unmarked, no shadow root: the spec lets
 * none of them host one) and no block boundary: a subtree of only these reads the same as its `textContent`. Spans
 * count too when none of them hosts a shadow root (see `isLeaf`).
 */
const PLAIN_INLINE = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
];
/** A descendant that makes a subtree more than its text: not plain inline, or with attribute text or `hidden`. */
const NOT_PLAIN = `:not(${PLAIN_INLINE.join(',')}),${MARKED_SELECTOR}`;
/** The same with spans let through: a span is plain too unless it hosts a shadow root, which only it can say. */
const NOT_PLAIN_BUT_SPAN = `:not(${PLAIN_INLINE.join(',')},span),${MARKED_SELECTOR}`;

/** Whether `text` has something besides whitespace; whitespace alone never makes a block. */
const hasVisible = (text: string): boolean => {
  const first = text.charCodeAt(0);
  return (first > 32 && first !== 160) || /\S/.test(text);
};

/**
 * Walks `root` once, in document order, and groups its text into blocks. A block's text holds only the text that
 * is not inside a nested block, so every character belongs to exactly one block. Words are kept apart where an
 * element boundary separates them visually (`<br>`, attribute text, neighbouring blocks in single mode).
 *
 * What a block's text is (the same for both readers of a block, and for the saved-HTML reader once whitespace is
 * collapsed, lib/documents/html.ts): its text nodes' data in document order, whitespace as it is, with one space
 * added at a `<br>`, around attribute text and (single mode) between nested blocks, unless whitespace is already
 * there; nothing under a skipped tag or a `hidden` element.
 *
 * Most blocks on a page are leaves (a title, a price: text in a few plain inline elements): their text is read with
 * one `textContent` each instead of visiting every node, because each node the walk touches costs the content
 * script's world a wrapper object (the walk's main cost, and most of the garbage a scan leaves).
 *
 * The walk is resumable: `step(deadline)` stops when the deadline passes, so a page of thousands of cards is read
 * in slices that never block the main thread for long. It follows firstChild/nextSibling itself (no TreeWalker
 * callback per node) and carries the current block down a stack instead of searching ancestors per text node.
 */
export class BlockWalker {
  /** Blocks in the order their first text came (whitespace alone included; `blocks()` leaves those out). */
  private readonly order: Block[] = [];
  /** The block the children of each open element read into. */
  private readonly stack: Block[] = [];
  /**
   * The nodes whose children are being read, outermost first (the root, elements, shadow roots): climbing back up
   * pops them instead of asking the browser for each node's parent.
   */
  private readonly path: Node[] = [];
  /** Elements that may carry readable attribute text or `hidden`: one native query instead of reads per element. */
  private readonly marked = new Set<Element>();
  /**
   * What that query found, put into `marked` by `step` in slices before the walk begins: a page can have thousands
   * of images with alt text, and each one taken from the list costs the content script's world a wrapper.
   */
  private marks: NodeListOf<Element> | null;
  private markIndex = 0;
  private readonly single: boolean;
  /** Off when recording segments: those need every text node. */
  private readonly whole: boolean;
  private node: Node | null;
  private visited = 0;
  private shadowDepth = 0;
  /** The open shadow roots read, so the scanner can follow their changes too. */
  readonly shadowRoots: ShadowRoot[] = [];
  /**
   * Whether anything read is in a table cell (the root is in one, or a `td`/`th` was walked): only then do the blocks
   * need their table context looked up (page-scanner.ts), which costs an ancestor search per block.
   */
  cells = false;

  constructor(
    private readonly root: Element,
    private readonly options: BlockWalkerOptions = {},
  ) {
    this.single = options.single === true;
    this.whole = options.segments !== true;
    this.marks = root.querySelectorAll(MARKED_SELECTOR);
    const above = ancestry(root);
    if (isSkipped(root) || above.skipped) {
      this.node = null;
      return;
    }
    this.cells = above.cell || isCellName(root.localName);
    // In single mode the card's text is the root's block; otherwise the root's text belongs to its block.
    const context = this.newBlock(this.single || isBlockElement(root) ? root : (blockOf(root) ?? root));
    this.readAttributes(root, context);
    this.stack.push(context);
    const shadow = root.shadowRoot;
    if (shadow) this.shadowRoots.push(shadow);
    if (shadow?.firstChild) {
      this.shadowDepth = 1;
      this.path.push(shadow);
      this.node = shadow.firstChild;
    } else if (this.isLeaf(root)) {
      // A root of plain inline content (a leaf block, or a span the page changed): one read.
      this.append(context, root.textContent ?? '');
      this.node = null;
    } else {
      this.path.push(root);
      this.node = root.firstChild;
    }
  }

  get done(): boolean {
    return this.node === null;
  }

  /** Walks until finished or `deadline` (a performance.now() time) passes; true when finished. */
  step(deadline = Number.POSITIVE_INFINITY): boolean {
    // Every DOM property read crosses into the browser, so each node gets as few as possible: one nodeType, one
    // localName, one Set lookup for attributes, then firstChild or nextSibling; parents come from `path`.
    const { marked, stack, path, single } = this;
    const marks = this.marks;
    if (marks && this.node) {
      for (let i = this.markIndex; i < marks.length; ) {
        marked.add(marks[i]!);
        if ((++i & 255) === 0 && performance.now() > deadline) {
          this.markIndex = i;
          return false;
        }
      }
      this.marks = null;
    }
    let node = this.node;
    while (node) {
      // Checking the clock is cheap, but not free: look every 256 nodes.
      if ((++this.visited & 255) === 0 && performance.now() > deadline) {
        this.node = node;
        return false;
      }
      const type = node.nodeType;
      if (type === 3) {
        const block = stack[stack.length - 1]!;
        if (this.options.segments) block.segments?.push({ node: node as Text, start: block.text.length });
        this.append(block, (node as Text).data);
      } else if (type === 1) {
        const element = node as Element;
        const name = element.localName;
        // Inside a shadow root the root's query did not reach: look at the element itself.
        const hasAttributeText = this.shadowDepth > 0 ? hasMarks(element) : marked.has(element);
        if (
          !SKIPPED_TAGS.has(name) &&
          !(name === WARNING_HOST_TAG && isOwnWarning(element)) &&
          !(hasAttributeText && element.hasAttribute(HIDDEN_ATTRIBUTE))
        ) {
          const context = stack[stack.length - 1]!;
          const isBlock = BLOCK_TAGS.has(name);
          // In single mode (a site adapter's product card) all text joins one block, so brand and model meet.
          const own = isBlock && !single ? this.newBlock(element) : context;
          if (isCellName(name)) this.cells = true;
          if (isBlock && single) this.separate(context);
          else if (name === 'br') this.separate(context);
          if (hasAttributeText) this.readAttributes(element, own);
          // An open shadow root is what the page shows for its host: read it first, then the host's own children
          // (the ones slotted into it), in the same block.
          const shadow = mayHostShadow(name) ? element.shadowRoot : null;
          if (shadow?.firstChild) {
            this.shadowRoots.push(shadow);
            this.shadowDepth++;
            stack.push(own);
            path.push(shadow);
            node = shadow.firstChild;
            continue;
          }
          if (shadow) this.shadowRoots.push(shadow);
          if (isBlock && this.isLeaf(element)) {
            this.append(own, element.textContent ?? '');
          } else {
            const first = element.firstChild;
            if (first) {
              stack.push(own);
              path.push(element);
              node = first;
              continue;
            }
          }
        }
      }
      // Next node in document order: a sibling, or the sibling of the nearest ancestor that has one.
      let next: Node | null = node.nextSibling;
      while (!next) {
        const parent = path.pop();
        if (parent === undefined || parent === this.root) break;
        if (parent.nodeType === 11) {
          // The end of a shadow root: on to its host's own children (the context pushed for the shadow root holds
          // for them too), or past the host.
          const host: Element = (parent as ShadowRoot).host;
          this.shadowDepth--;
          const first = host.firstChild;
          if (first) {
            path.push(host);
            next = first;
            break;
          }
          stack.pop();
          if (host === this.root) break;
          next = host.nextSibling;
          continue;
        }
        stack.pop();
        next = parent.nextSibling;
      }
      node = next;
    }
    this.node = null;
    return true;
  }

  /** The blocks with visible text, in document order. */
  blocks(): Block[] {
    const { order } = this;
    if (!this.done) return order.filter((block) => hasVisible(block.text));
    // Done: nothing more will join, so the list is kept in place (a page's 20,000 blocks are not copied).
    let kept = 0;
    for (const block of order) if (hasVisible(block.text)) order[kept++] = block;
    order.length = kept;
    return order;
  }

  /** Whether a block element's content is plain inline only, so its `textContent` is its text. */
  private isLeaf(element: Element): boolean {
    if (!this.whole) return false;
    // One native query per block: it touches no node's wrapper unless it finds one (then the walk needs it anyway).
    // (A `:has()` query for all leaves at once was tried: 20-40x slower in Chromium.)
    const found = element.querySelector(NOT_PLAIN);
    if (found === null) return true;
    // Spans are on every real page; a block of text in spans is still a leaf if no span in it hosts a shadow root.
    if (found.localName !== 'span' || element.querySelector(NOT_PLAIN_BUT_SPAN) !== null) return false;
    for (const span of element.querySelectorAll('span')) if (span.shadowRoot) return false;
    return true;
  }

  /** A block for `element` (the root's in single mode); it joins `order` when its first text comes. */
  private newBlock(element: Element): Block {
    if (this.single && this.stack.length > 0) return this.stack[0]!;
    const block: Block = this.options.segments ? { element, text: '', segments: [] } : { element, text: '' };
    if (this.single) block.single = true;
    return block;
  }

  private append(block: Block, text: string): void {
    if (text.length === 0) return;
    if (block.text.length === 0) this.order.push(block);
    block.text += text;
  }

  private separate(block: Block): void {
    const last = block.text.charCodeAt(block.text.length - 1);
    if (block.text.length > 0 && last !== 32 && last !== 10 && last !== 9) block.text += ' ';
  }

  private readAttributes(element: Element, block: Block): void {
    for (const attribute of READABLE_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (!value?.trim()) continue;
      this.separate(block);
      block.segments?.push({ node: element, start: block.text.length });
      this.append(block, `${value} `);
    }
  }
}

/**
 * The segment holding `offset` in the block's text. A block read without segments is read again, with them; if
 * its text has changed since, there is no answer.
 */
export function segmentAt(block: Block, offset: number): TextSegment | undefined {
  let segments = block.segments;
  if (!segments) {
    const walker = new BlockWalker(block.element, { single: block.single, segments: true });
    walker.step();
    const again = walker.blocks().find((candidate) => candidate.element === block.element);
    if (again?.text !== block.text) return undefined;
    segments = again.segments ?? [];
  }
  // Binary search: segments are sorted by start.
  let low = 0;
  let high = segments.length - 1;
  let found: TextSegment | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = segments[middle]!;
    if (segment.start <= offset) {
      found = segment;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
