/**
 * One bounded request for the updater. Redirects are followed only within the update address's origin (https on
 * the same host and port), hop by hop, before any request leaves it; a browser hides where a redirect leads from an
 * extension (an "opaque redirect"), so there every redirect is refused. A deadline for the response headers and
 * another for the whole body mean a server that never answers, or trickles bytes, cannot hold a check open.
 */
import { errorMessage } from '../error-message';

export interface FetchLimits {
  /** From sending the request (and each redirect) to the response headers. */
  headersMs: number;
  /** From the headers to the last byte of the body: a stalled or trickling download is abandoned. */
  bodyMs: number;
}

export const DEFAULT_LIMITS: FetchLimits = { headersMs: 30_000, bodyMs: 120_000 };
export const MAX_REDIRECTS = 5;

type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

type Opened =
  | {
      ok: true;
      response: Response;
      /** Aborts when the body deadline passes; pass it to readCappedBody. */
      signal: AbortSignal;
      /** Stops the body deadline's timer (call when done with the response). */
      done: () => void;
    }
  | { ok: false; problem: FetchProblem };

export type FetchProblem =
  | { kind: 'timeout'; phase: 'headers' | 'body'; ms: number }
  /** `to`: where the server pointed, or null when the browser does not say. */
  | { kind: 'redirect'; to: string | null }
  | { kind: 'too-many-redirects' }
  | { kind: 'network'; message: string };

/** The abort reason the deadlines use, so a timeout is told apart from a lost connection. */
class DeadlineError extends Error {
  constructor(
    readonly phase: 'headers' | 'body',
    readonly ms: number,
  ) {
    super(`no ${phase === 'headers' ? 'response' : 'complete body'} within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/** A redirect: 3xx other than 304 (the answer to a conditional request), or the browser's opaque redirect. */
function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}

/** Rejects as soon as `signal` aborts, even if `promise` (an injected fetch, say) ignores the signal. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Requests `url` within the limits, following redirects only within its origin. */
export async function openBounded(
  fetch: FetchFn,
  url: string,
  init: RequestInit,
  limits: FetchLimits,
): Promise<Opened> {
  const controller = new AbortController();
  const origin = new URL(url).origin;
  let timer = setTimeout(() => controller.abort(new DeadlineError('headers', limits.headersMs)), limits.headersMs);
  try {
    let current = url;
    for (let hops = 0; ; hops++) {
      const response = await untilAborted(
        fetch(current, { ...init, redirect: 'manual', signal: controller.signal }),
        controller.signal,
      );
      // A fetch that followed a redirect itself (it should not, with "manual"): judge where it ended up.
      const landed = response.url ? safeUrl(response.url) : null;
      if (landed && landed.origin !== origin) {
        await discard(response);
        return { ok: false, problem: { kind: 'redirect', to: landed.href } };
      }
      if (!isRedirect(response)) {
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(new DeadlineError('body', limits.bodyMs)), limits.bodyMs);
        const bodyTimer = timer;
        return { ok: true, response, signal: controller.signal, done: () => clearTimeout(bodyTimer) };
      }
      await discard(response);
      const location = response.type === 'opaqueredirect' ? null : response.headers.get('location');
      const target = location ? safeUrl(location, current) : null;
      if (!target || target.origin !== origin)
        return { ok: false, problem: { kind: 'redirect', to: target?.href ?? location } };
      if (hops >= MAX_REDIRECTS) return { ok: false, problem: { kind: 'too-many-redirects' } };
      current = target.href;
    }
  } catch (error) {
    clearTimeout(timer);
    const reason = controller.signal.aborted ? controller.signal.reason : error;
    if (reason instanceof DeadlineError)
      return { ok: false, problem: { kind: 'timeout', phase: reason.phase, ms: reason.ms } };
    return { ok: false, problem: { kind: 'network', message: errorMessage(error) } };
  }
}

function safeUrl(href: string, base?: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
