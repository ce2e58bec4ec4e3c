/**
 * A tiny static file server on loopback for fixture and demo pages. Tests never touch real sites.
 */

import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Duplex } from 'node:stream';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.sig': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  /** `host:port`, for browsers told to use this server as their HTTP proxy. */
  proxy: string;
  url(path: string): string;
  /**
   * Serves `file` at a real site's address (e.g. http://www.amazon.co.uk/s) to browsers that use this server as
   * their proxy, so content scripts see the real hostname and site adapters are exercised as in the wild.
   * Nothing is ever fetched from the internet: unknown proxied addresses get a 404.
   */
  addVirtualPage(url: string, file: string): void;
  close(): Promise<void>;
}

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

/** Serves each `mounts` prefix (e.g. "/fixtures/") from a directory; `routes` may answer first. */
export async function startServer(mounts: Record<string, string>, routes: RouteHandler[] = []): Promise<StaticServer> {
  const virtualPages = new Map<string, string>();
  const serveVirtual = async (target: URL, response: ServerResponse): Promise<void> => {
    const file = virtualPages.get(`${target.origin}${target.pathname}`);
    return file ? serveFile(file, response) : notFound(response);
  };
  const server = createServer(async (request, response) => {
    try {
      // Proxy-form request from a browser (plain http): only virtual pages are answered.
      if (request.url?.startsWith('http://')) return serveVirtual(new URL(request.url), response);
      for (const route of routes) if (await route(request, response)) return;
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
      if (!mount) return notFound(response);
      const root = resolve(mounts[mount]!);
      const file = normalize(join(root, path.slice(mount.length)));
      if (!file.startsWith(root)) return notFound(response);
      await serveFile(file, response);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  // Real shops are HSTS-preloaded, so browsers insist on https: CONNECT tunnels end in a TLS server with a
  // throwaway self-signed certificate (the test browsers accept it), which answers only virtual pages.
  const tls = createTlsServer(throwawayCertificate(), (request, response) => {
    serveVirtual(new URL(request.url ?? '/', `https://${request.headers.host}`), response).catch((error) =>
      response.writeHead(500).end(String(error)),
    );
  });
  // Tunnels leave the HTTP server's connection tracking, so close() destroys them itself instead of waiting on them.
  const tunnels = new Set<Duplex>();
  server.on('connect', (_request, socket) => {
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    proxy: `127.0.0.1:${port}`,
    addVirtualPage(url, file) {
      const target = new URL(url);
      virtualPages.set(`${target.origin}${target.pathname}`, resolve(file));
    },
    url: (path) => `${origin}${path.startsWith('/') ? '' : '/'}${path}`,
    close: () =>
      new Promise((done) => {
        for (const socket of tunnels) socket.destroy();
        tls.closeAllConnections();
        server.closeAllConnections();
        tls.close();
        server.close(() => done());
      }),
  };
}

/** A self-signed certificate made for this run only (needs Debian's openssl). */
export function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'vendorwatch-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=VendorWatch test proxy',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serveFile(file: string, response: ServerResponse): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound(response);
  response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}
