/**
 * The content script's schemas are built on first use, once (issue 17): evaluating the protocol and storage modules
 * builds none, a message's schemas are built when it is first sent or received, and only that message's. Counted by
 * wrapping zod/mini's schema builders; the boundary checks themselves are the other protocol tests'.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const built = vi.hoisted(() => ({ count: 0 }));

vi.mock('zod/mini', async (importOriginal) => {
  const original: Record<string, unknown> = await importOriginal();
  // Lower-case functions are the builders (object, string, union...) and checks; classes and namespaces pass through.
  return Object.fromEntries(
    Object.entries(original).map(([name, value]) => [
      name,
      typeof value === 'function' && /^[a-z]/.test(name) && !/parse/i.test(name)
        ? (...args: unknown[]) => {
            built.count++;
            return value(...args);
          }
        : value,
    ]),
  );
});

let content: typeof import('../../../lib/content-protocol');
let core: typeof import('../../../lib/protocol-core');
let storage: typeof import('../../../lib/storage-item');

beforeAll(async () => {
  content = await import('../../../lib/content-protocol');
  core = await import('../../../lib/protocol-core');
  storage = await import('../../../lib/storage-item');
});

describe('the content script’s schemas', () => {
  it('none is built when the protocol and storage modules are evaluated', () => {
    expect(Object.keys(content.CONTENT_PROTOCOL)).toContain('match-blocks');
    expect(built.count).toBe(0);
  });

  it('a message’s schemas are built on first use, once, and no other message’s', async () => {
    const send = core.createTableSender(content.CONTENT_REPLIES, async () => ({
      ok: true,
      reply: { runs: true, listVersion: 7 },
    }));
    await expect(send('get-scan-config', {})).resolves.toEqual({ runs: true, listVersion: 7 });
    const afterFirst = built.count;
    expect(afterFirst).toBeGreaterThan(0);
    const reply = content.CONTENT_PROTOCOL['get-scan-config'].reply;
    await send('get-scan-config', {});
    expect(content.CONTENT_PROTOCOL['get-scan-config'].reply).toBe(reply);
    expect(built.count).toBe(afterFirst);
    // The match reply is the biggest schema: built only now, when first asked for.
    expect(content.CONTENT_PROTOCOL['match-blocks'].reply).toBeDefined();
    expect(built.count).toBeGreaterThan(afterFirst + 10);
  });

  it('a malformed reply is still refused', async () => {
    const send = core.createTableSender(content.CONTENT_REPLIES, async () => ({ ok: true, reply: { runs: 'yes' } }));
    await expect(send('get-site-running', {})).rejects.toThrow(/malformed reply \(runs:/);
  });

  it('the dismissals’ schema is built when a site’s dismissals are first read, once', () => {
    const before = built.count;
    const one = storage.suppressionsItem('shop.example');
    expect(built.count).toBeGreaterThan(before);
    const after = built.count;
    expect(storage.suppressionsItem('other.example').schema).toBe(one.schema);
    expect(built.count).toBe(after);
  });
});
