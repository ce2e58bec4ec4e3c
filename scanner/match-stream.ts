/**
 * Sends blocks for matching while the page is still being read: blocks gather until they hold a message's worth of
 * text, then go in one message, and each reply keeps only the blocks with findings. So a long page's thousands of
 * blocks without findings (and their elements' wrappers) live for one message's round trip instead of the whole
 * scan; held that long, they outlived the young generation and made the collector trace the page's whole DOM
 * (issue 17). Pure scheduling: what is sent, and what a block's findings mean, is the caller's.
 */
import type { BlockContext } from '../lib/engine/index';
import type { Block } from './blocks';

interface MatchStreamOptions<M> {
  /** Text per message (sending one is a task on the page's main thread: keep it small). */
  maxChars: number;
  /** Matches `texts` (with table context for some, by index); findings per text, `undefined` for none. */
  match(texts: string[], contexts: Array<[number, BlockContext]>): Promise<Array<M[] | undefined>>;
  /** The block's table context, if it is a table cell (asked only once a cell has been read). */
  contextOf(block: Block): BlockContext | undefined;
  /** Whether the page has a table cell among what was read so far (else no block needs its context looked up). */
  cellsRead(): boolean;
  /** Called with each block sent, when its reply comes, in the order the blocks were added. */
  onMatched(block: Block, matches: M[] | undefined): void;
}

export class MatchStream<M> {
  private pending: Block[] = [];
  private pendingChars = 0;
  private readonly replies: Array<Promise<void>> = [];

  constructor(private readonly options: MatchStreamOptions<M>) {}

  /** Adds blocks to send; none is sent yet (see `sendFull`), so adding costs the reading's slice nothing. */
  add(blocks: readonly Block[]): void {
    for (const block of blocks) {
      this.pending.push(block);
      this.pendingChars += block.text.length;
    }
  }

  /** Whether a full message is waiting (the caller sends it at the start of its next slice). */
  get full(): boolean {
    return this.pendingChars >= this.options.maxChars;
  }

  /** Sends every full message waiting; with `all`, the rest too (the page has been read). */
  send(all = false): void {
    while (this.pending.length > 0 && (all || this.full)) {
      // A text longer than a message travels alone.
      let chars = 0;
      let count = 0;
      while (count < this.pending.length) {
        const length = this.pending[count]!.text.length;
        if (count > 0 && chars + length > this.options.maxChars) break;
        chars += length;
        count++;
      }
      const blocks = this.pending.slice(0, count);
      this.pending = this.pending.slice(count);
      this.pendingChars -= chars;
      this.sendNow(blocks);
    }
  }

  /** Resolves when every message sent has been answered; rejects if one failed. */
  async settled(): Promise<void> {
    await Promise.all(this.replies);
  }

  private sendNow(blocks: Block[]): void {
    const texts = blocks.map((block) => block.text);
    const contexts: Array<[number, BlockContext]> = [];
    if (this.options.cellsRead()) {
      blocks.forEach((block, index) => {
        const context = this.options.contextOf(block);
        if (context) contexts.push([index, context]);
      });
    }
    const reply = this.options.match(texts, contexts).then((results) => {
      blocks.forEach((block, index) => {
        this.options.onMatched(block, results[index]);
      });
    });
    // Awaited by `settled`; this keeps a failure before then from counting as unhandled.
    reply.catch(() => undefined);
    this.replies.push(reply);
  }
}
