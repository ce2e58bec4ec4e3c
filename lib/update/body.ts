/**
 * Reading a download with a size cap. A server need not send Content-Length (or may send a wrong one), so the body
 * is read as a stream with a running byte count and the download is cancelled as soon as it passes the cap: an
 * oversized list is never held in memory whole.
 */
export type CappedBody = { ok: true; body: Uint8Array } | { ok: false; bytesRead: number };

export async function readCappedBody(response: Response, maxBytes: number): Promise<CappedBody> {
  const stream = response.body;
  if (!stream) {
    // No stream to read from (an empty body, or a fetch without streams): all of it, then the cap.
    const body = new Uint8Array(await response.arrayBuffer());
    return body.byteLength > maxBytes ? { ok: false, bytesRead: body.byteLength } : { ok: true, body };
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stops the download; a failure to cancel changes nothing about the verdict.
      await reader.cancel('over the size limit').catch(() => undefined);
      return { ok: false, bytesRead: total };
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
