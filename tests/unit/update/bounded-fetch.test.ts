/**
 * Issue 19, items 6 and 7: an update request cannot escape HTTPS-only through a redirect, and cannot be held open.
 * Real loopback http servers (Node's fetch shows the redirect target, as a browser would not) and, for https
 * addresses, an injected fetch.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpdater, readActiveList } from '../../../lib/update/updater';
import { bundled, keys, listWith, MemoryStore, NOW, signed } from './helpers';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A loopback server; `requests` records "host path" of each request, `closed` counts responses cut off early. */
async function serve(handler: Handler) {
  const requests: string[] = [];
  const state = { closed: 0 };
  const server = createServer((request, response) => {
    requests.push(`${request.headers.host} ${request.url}`);
    response.on('close', () => {
      if (!response.writableFinished) state.closed++;
    });
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { port, url: (path: string) => `http://127.0.0.1:${port}${path}`, requests, state };
}

/** Serves a signed version-2 list at /list.json and its signature, for redirects that are allowed to land. */
async function listFiles() {
  const files = await signed(listWith(2));
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/list.json') return response.end(files.body);
    if (request.url === '/list.json.sig') return response.end(files.signature);
    response.writeHead(404).end();
  };
}

const updater = (options: { fetch?: typeof fetch; limits?: { headersMs: number; bodyMs: number } } = {}) => {
  const store = new MemoryStore();
  return {
    store,
    updater: createUpdater({
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      store,
      now: () => NOW,
      keys,
      bundled,
      allowLoopbackHttp: true,
      ...(options.limits ? { limits: options.limits } : {}),
    }),
  };
};

describe('redirects', () => {
  it('follows a redirect on the same origin', async () => {
    const files = await listFiles();
    const server = await serve((request, response) => {
      if (request.url?.startsWith('/moved'))
        return response.writeHead(301, { location: `/list${request.url.slice(6)}` }).end();
      files(request, response);
    });
    const { updater: u } = updater();
    expect(await u.checkNow(server.url('/moved.json'))).toMatchObject({ result: 'updated', version: 2 });
  });

  it('refuses a redirect to another host, with the reason, without asking the other host', async () => {
    const files = await listFiles();
    const other = await serve(files);
    const server = await serve((_request, response) =>
      response.writeHead(302, { location: `http://localhost:${other.port}/list.json` }).end(),
    );
    const { updater: u, store } = updater();
    const check = await u.checkNow(server.url('/list.json'));
    expect(check).toMatchObject({
      result: 'refused',
      code: 'redirect',
      message: `refused: the server redirected to http://localhost:${other.port}/list.json; VendorWatch follows redirects only to https on the same host`,
    });
    expect(other.requests).toEqual([]);
    expect((await readActiveList(store, bundled, NOW)).source).toBe('bundled');
  });

  it('refuses https redirected to plain http or to another https host, before any request leaves the origin', async () => {
    for (const target of ['http://lists.example.org/w.json', 'https://mirror.example.net/w.json']) {
      const requested: string[] = [];
      const fetchStub = async (url: string) => {
        requested.push(url);
        return new Response(null, { status: 302, headers: { location: target } });
      };
      const { updater: u } = updater({ fetch: fetchStub as typeof fetch });
      expect(await u.checkNow('https://lists.example.org/w.json')).toMatchObject({
        result: 'refused',
        code: 'redirect',
        message: expect.stringContaining(`redirected to ${target};`),
      });
      expect(requested).toEqual(['https://lists.example.org/w.json']);
    }
  });

  it('refuses a redirect whose target the browser hides (an opaque redirect)', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, url: '', headers: new Headers(), body: null };
    const { updater: u } = updater({ fetch: (async () => opaque as unknown as Response) as typeof fetch });
    expect(await u.checkNow('https://lists.example.org/w.json')).toMatchObject({
      result: 'refused',
      code: 'redirect',
      message: expect.stringMatching(
        /^refused: the server redirected, and the browser does not tell extensions where to/,
      ),
    });
  });

  it('stops after five redirects', async () => {
    const server = await serve((request, response) =>
      response.writeHead(302, { location: `/hop${request.url!.length}` }).end(),
    );
    const { updater: u } = updater();
    expect(await u.checkNow(server.url('/list.json'))).toMatchObject({
      result: 'refused',
      code: 'redirect',
      message: 'refused: the server redirected more than 5 times',
    });
    expect(server.requests).toHaveLength(6);
  });
});

describe('deadlines', () => {
  const limits = { headersMs: 200, bodyMs: 300 };

  it('gives up on a server that never sends headers, and says so', async () => {
    const server = await serve(() => undefined);
    const { updater: u, store } = updater({ limits });
    expect(await u.checkNow(server.url('/list.json'))).toMatchObject({
      result: 'failed',
      code: 'timeout',
      message: 'failed: the server did not answer within 0.2 seconds',
    });
    expect((await u.lastCheck())?.code).toBe('timeout');
    expect((await readActiveList(store, bundled, NOW)).source).toBe('bundled');
  });

  it('abandons a download that trickles a byte at a time, and closes the connection', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(drip));
    });
    const { updater: u } = updater({ limits });
    const check = await u.checkNow(server.url('/list.json'));
    expect(check).toMatchObject({ result: 'failed', code: 'timeout' });
    expect(check.message).toMatch(
      /^failed: the download did not finish within 0\.3 seconds \(stopped after \d+ bytes\)$/,
    );
    await expect.poll(() => server.state.closed).toBe(1);
  });

  it('applies the deadlines to the signature file too', async () => {
    const files = await signed(listWith(2));
    const server = await serve((request, response) => {
      if (request.url === '/list.json') response.end(files.body);
      // The signature never comes.
    });
    const { updater: u } = updater({ limits });
    expect(await u.checkNow(server.url('/list.json'))).toMatchObject({ result: 'failed', code: 'timeout' });
  });

  it('holds even when the fetch ignores the abort signal', async () => {
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    const deaf = (async () => new Response(stalled)) as typeof fetch;
    const { updater: u } = updater({ fetch: deaf, limits });
    expect(await u.checkNow('https://lists.example.org/w.json')).toMatchObject({ result: 'failed', code: 'timeout' });
    const never = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    expect(await updater({ fetch: never, limits }).updater.checkNow('https://lists.example.org/w.json')).toMatchObject({
      result: 'failed',
      code: 'timeout',
      message: 'failed: the server did not answer within 0.2 seconds',
    });
  });

  it('lets a normal download through, and its timers do not fire later', async () => {
    const server = await serve(await listFiles());
    const { updater: u } = updater({ limits: { headersMs: 10_000, bodyMs: 10_000 } });
    expect(await u.checkNow(server.url('/list.json'))).toMatchObject({ result: 'updated', version: 2 });
  });
});
