/**
 * A tiny static file server on loopback for fixture and demo pages. Tests never touch real sites.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

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
  url(path: string): string;
  close(): Promise<void>;
}

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

/** Serves each `mounts` prefix (e.g. "/fixtures/") from a directory; `routes` may answer first. */
export async function startServer(mounts: Record<string, string>, routes: RouteHandler[] = []): Promise<StaticServer> {
  const server = createServer(async (request, response) => {
    try {
      for (const route of routes) if (await route(request, response)) return;
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
      if (!mount) return notFound(response);
      const root = resolve(mounts[mount]!);
      const file = normalize(join(root, path.slice(mount.length)));
      if (!file.startsWith(root)) return notFound(response);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return notFound(response);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path.startsWith('/') ? '' : '/'}${path}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}
