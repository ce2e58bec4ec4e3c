/**
 * The protocol's router refuses every message from the wrong kind of sender and every malformed body, before any
 * handler runs, and answers a plain-words error; `send` validates what comes back.
 */
import { describe, expect, it } from 'vitest';
import {
  createRouter,
  createSender,
  type Envelope,
  type MessageSender,
  type MessageType,
  PROTOCOL,
  ProtocolError,
  type Request,
} from '../../../lib/protocol';

const OWN = { id: 'vendorwatch@example', origin: 'chrome-extension://vendorwatch/' };

const SENDERS = {
  content: { id: OWN.id, url: 'https://shop.example/list?q=1', tab: { id: 7 }, frameId: 0 },
  extension: { id: OWN.id, url: `${OWN.origin}popup.html` },
} satisfies Record<string, MessageSender>;

/** Senders no message may come from. */
const STRANGERS: Array<[string, MessageSender]> = [
  ['another extension', { id: 'other@example', url: 'chrome-extension://other/popup.html' }],
  ['a page of another extension, with our id claimed by nobody', { url: `${OWN.origin}popup.html` }],
  ['no tab and no extension page', { id: OWN.id, url: 'https://shop.example/' }],
  ['a content script in a sub-frame', { ...SENDERS.content, frameId: 3 }],
];

/** A valid body for every message. */
const VALID: { [T in MessageType]: Request<T> } = {
  'get-scan-config': {},
  'get-site-running': {},
  'match-blocks': { packed: 'Hikvision DS-2CD2143G2-I\u0000Plain kettle' },
  'findings-changed': { url: 'https://shop.example/list?q=2', title: 'Results', findings: [0, 2] },
  'get-tab-state': { tabId: 7 },
  'build-evidence': { tabId: 7 },
  'match-documents': { packed: 'spec.pdf: Hikvision DS-2CD2143G2-I\u0000Dahua NVR' },
  'get-watchlist-status': {},
  'check-updates-now': {},
  'get-watchlist': {},
  'open-watchlist': { vendorId: 'hikvision' },
  'reveal-finding': { index: 0 },
  rescan: {},
  'sites-changed': {},
};

/** Bodies each message must refuse. */
const MALFORMED: { [T in MessageType]: unknown[] } = {
  'get-scan-config': [{ site: 'other.example' }],
  'get-site-running': [{ site: 'other.example' }],
  'match-blocks': [{}, { packed: 42 }, { packed: ['a'] }, { packed: 'a', tabId: 3 }],
  'findings-changed': [
    {},
    { title: 'x', findings: [-1] },
    { title: 'x', findings: [1.5] },
    { title: 'x', findings: 'all' },
    { title: 'x', findings: [], state: { url: 'https://elsewhere.example/' } },
  ],
  'get-tab-state': [{}, { tabId: -1 }, { tabId: '7' }, { tabId: 1.5 }],
  'build-evidence': [{}, { tabId: 7, findings: [] }, { pageUrl: 'javascript:alert(1)' }],
  'match-documents': [{}, { packed: 7 }, { packed: 'a', tabId: 3 }],
  'get-watchlist-status': [{ all: true }],
  'check-updates-now': [{ url: 'https://evil.example/' }],
  rescan: [{ site: 'shop.example' }],
  'sites-changed': [{ site: 'shop.example' }],
  'get-watchlist': [{ vendorId: 'hikvision' }],
  'open-watchlist': [{}, { vendorId: '../options.html' }, { vendorId: 'x', url: 'https://evil.example/' }],
  'reveal-finding': [{}, { index: -1 }, { index: '0' }],
};

function routerFor(receiver: 'background' | 'content') {
  const calls: Array<{ type: string; request: unknown; sender: unknown }> = [];
  const refusals: string[] = [];
  const handler =
    (type: string, reply: unknown) =>
    (request: unknown, sender: unknown): never => {
      calls.push({ type, request, sender });
      return reply as never;
    };
  const handlers = Object.fromEntries(
    (Object.keys(PROTOCOL) as MessageType[])
      .filter((type) => PROTOCOL[type].to === receiver)
      .map((type) => [type, handler(type, null)]),
  );
  const route = createRouter({
    receiver,
    own: OWN,
    // biome-ignore lint/suspicious/noExplicitAny: the test's handlers record calls for every type alike
    handlers: handlers as any,
    onRefused: (type, reason) => refusals.push(`${type}: ${reason}`),
  });
  return { route, calls, refusals };
}

const types = Object.keys(PROTOCOL) as MessageType[];

describe('the router', () => {
  for (const type of types) {
    const spec = PROTOCOL[type];
    const wrong = spec.from === 'content' ? 'extension' : 'content';

    it(`${type}: accepts a valid body from ${spec.from === 'content' ? 'a content script' : 'an extension page'}`, async () => {
      const { route, calls } = routerFor(spec.to);
      const answer = await route({ type, ...VALID[type] }, SENDERS[spec.from]);
      expect(answer).toEqual({ ok: true, reply: null });
      expect(calls).toHaveLength(1);
    });

    it(`${type}: refuses the same body from ${wrong === 'content' ? 'a content script' : 'an extension page'}`, async () => {
      const { route, calls, refusals } = routerFor(spec.to);
      const answer = await route({ type, ...VALID[type] }, SENDERS[wrong]);
      expect(answer).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^VendorWatch refused "[a-z-]+": only /),
      });
      expect(calls).toHaveLength(0);
      expect(refusals).toHaveLength(1);
    });

    it(`${type}: refuses senders that are neither`, async () => {
      const { route, calls } = routerFor(spec.to);
      for (const [, sender] of STRANGERS) {
        const answer = await route({ type, ...VALID[type] }, sender);
        expect(answer?.ok).toBe(false);
      }
      expect(calls).toHaveLength(0);
    });

    it(`${type}: refuses malformed bodies, saying what is wrong`, async () => {
      const { route, calls } = routerFor(spec.to);
      for (const body of MALFORMED[type]) {
        const answer = await route({ ...(body as object), type }, SENDERS[spec.from]);
        expect(answer, JSON.stringify(body)).toMatchObject({
          ok: false,
          error: expect.stringContaining('malformed body'),
        });
      }
      expect(calls).toHaveLength(0);
    });
  }

  it('refuses what is not a message, and unknown types', async () => {
    const { route, calls } = routerFor('background');
    for (const raw of [null, 'get-tab-state', 42, [], { type: 'get-everything' }, { type: 7 }, { type: '__proto__' }]) {
      const answer = await route(raw, SENDERS.extension);
      expect(answer?.ok, JSON.stringify(raw)).toBe(false);
    }
    expect(calls).toHaveLength(0);
  });

  it('leaves messages for the other receiver unanswered', () => {
    expect(routerFor('background').route({ type: 'reveal-finding', index: 0 }, SENDERS.extension)).toBeUndefined();
    expect(routerFor('content').route({ type: 'get-tab-state', tabId: 1 }, SENDERS.extension)).toBeUndefined();
  });

  it('gives content-script handlers the tab and address the browser reports, not the body', async () => {
    const { route, calls } = routerFor('background');
    await route({ type: 'findings-changed', url: SENDERS.content.url, title: 'T', findings: [] }, SENDERS.content);
    expect(calls[0]?.sender).toEqual({ kind: 'content', tabId: 7, url: SENDERS.content.url, frameId: 0 });
  });

  it('answers a handler failure as a refusal in its own words', async () => {
    const route = createRouter({
      receiver: 'background',
      own: OWN,
      handlers: {
        'get-scan-config': () => ({ runs: true, listVersion: 1 }),
        'get-site-running': () => ({ runs: true }),
        'match-blocks': () => ({ listVersion: 1, measures: [], views: [], findings: [], hits: [] }),
        'findings-changed': () => {
          throw new Error('finding 9 was never sent to this tab');
        },
        'get-tab-state': () => null,
        'build-evidence': () => null,
        'match-documents': () => Promise.reject(new Error('unused')),
        'get-watchlist-status': () => Promise.reject(new Error('unused')),
        'check-updates-now': () => Promise.reject(new Error('unused')),
        'get-watchlist': () => Promise.reject(new Error('unused')),
        'open-watchlist': () => null,
      },
    });
    expect(
      await route({ type: 'findings-changed', url: SENDERS.content.url, title: '', findings: [9] }, SENDERS.content),
    ).toEqual({
      ok: false,
      error: 'finding 9 was never sent to this tab',
    });
  });
});

describe('send', () => {
  const through = (answer: Envelope | undefined) => createSender(async () => answer);

  it('returns a valid reply', async () => {
    expect(await through({ ok: true, reply: { runs: true, listVersion: 3 } })('get-scan-config', {})).toEqual({
      runs: true,
      listVersion: 3,
    });
  });

  it('throws the receiver’s refusal', async () => {
    await expect(through({ ok: false, error: 'no' })('get-tab-state', { tabId: 1 })).rejects.toThrow(
      new ProtocolError('no'),
    );
  });

  it('throws on no answer and on a malformed reply', async () => {
    await expect(through(undefined)('get-tab-state', { tabId: 1 })).rejects.toThrow(/no valid answer/);
    await expect(through({ ok: true, reply: { runs: 'yes' } })('get-scan-config', {})).rejects.toThrow(
      /malformed reply \(runs:/,
    );
    await expect(
      through({ ok: true, reply: { listVersion: 1, measures: [], views: [{}], hits: [[0, [[0, {}, 0]]]] } })(
        'match-blocks',
        { packed: '' },
      ),
    ).rejects.toThrow(/malformed reply/);
  });

  it('talks to the router end to end', async () => {
    const { route } = routerFor('background');
    const send = createSender(async (message) => route(message, SENDERS.extension));
    expect(await send('get-tab-state', { tabId: 4 })).toBeNull();
    const fromPage = createSender(async (message) => route(message, SENDERS.content));
    await expect(fromPage('get-tab-state', { tabId: 4 })).rejects.toThrow(/only the extension’s own pages/);
  });
});
