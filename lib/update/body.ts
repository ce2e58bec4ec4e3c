/**
 * Reading a download with a size cap and a deadline. A server need not send Content-Length (or may send a wrong
 * one), so the body is read as a stream with a running byte count and the download is cancelled as soon as it passes
 * the cap: an oversized list is never held in memory whole. `signal` (the body deadline, lib/update/fetch.ts)
 * abandons a stalled or trickling download, even when the stream itself ignores the abort.
 */
import { untilAborted } from './fetch';

type CappedBody = { ok: true; body: Uint8Array } | { ok: false; why: 'too-large' | 'aborted'; bytesRead: number };

export async function readCappedBody(response: Response, maxBytes: number, signal?: AbortSignal): Promise<CappedBody> {
  const stream = response.body;
  if (!stream) {
    // No stream to read from (an empty body, or a fetch without streams): all of it, then the cap.
    const whole = response.arrayBuffer();
    let buffer: ArrayBuffer;
    try {
      buffer = signal ? await untilAborted(whole, signal) : await whole;
    } catch (error) {
      if (signal?.aborted) return { ok: false, why: 'aborted', bytesRead: 0 };
      throw error;
    }
    const body = new Uint8Array(buffer);
    return body.byteLength > maxBytes
      ? { ok: false, why: 'too-large', bytesRead: body.byteLength }
      : { ok: true, body };
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = signal ? await untilAborted(reader.read(), signal) : await reader.read();
    } catch (error) {
      if (!signal?.aborted) throw error;
      await reader.cancel('deadline passed').catch(() => undefined);
      return { ok: false, why: 'aborted', bytesRead: total };
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stops the download; a failure to cancel changes nothing about the verdict.
      await reader.cancel('over the size limit').catch(() => undefined);
      return { ok: false, why: 'too-large', bytesRead: total };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}

/** Stops a download whose body will not be read (refused on its headers alone). */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
