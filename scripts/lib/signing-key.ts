/**
 * The private key a maintainer script signs with: from VENDORWATCH_SIGNING_KEY (base64) or a key file, which must
 * live outside the repository unless it is the committed test key and the caller allows it.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

type KeyResult = { ok: true; secret: string } | { ok: false; problem: string };

export function readSigningKey(options: { keyFile?: string; allowTestKey: boolean }): KeyResult {
  const fromEnv = process.env.VENDORWATCH_SIGNING_KEY?.trim();
  if (fromEnv) return { ok: true, secret: fromEnv };
  if (!options.keyFile)
    return { ok: false, problem: 'no private key: set VENDORWATCH_SIGNING_KEY or pass --key <file>' };
  const keyPath = resolve(options.keyFile);
  const insideRepo = !relative(ROOT, keyPath).startsWith('..');
  if (insideRepo && !options.allowTestKey)
    return { ok: false, problem: `the private key must live outside the repository (${keyPath})` };
  try {
    const secret = readFileSync(keyPath, 'utf8').trim();
    return secret ? { ok: true, secret } : { ok: false, problem: `the key file is empty (${keyPath})` };
  } catch (error) {
    return { ok: false, problem: `cannot read the key file: ${(error as Error).message}` };
  }
}
