/**
 * Decides whether a downloaded watchlist may replace the one in force. Checks run cheapest-first and nothing is
 * parsed before the signature is known good: size, signature (Ed25519 over the exact bytes, against a bundled
 * key), schema, version (must increase), expiry.
 */
import * as ed from '@noble/ed25519';
import { z } from 'zod';
import { renderText } from '../i18n/english';
import type { LocalText } from '../i18n/index';
import { type ListMeta, type Watchlist, watchlistSchema } from '../watchlist/schema';
import { fromBase64 } from './encoding';
import type { TrustedKey } from './keys';

/** Lists are a few hundred kilobytes; anything far larger is refused before it is even hashed. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

type RefusalCode =
  | 'too-large'
  | 'unsigned'
  | 'unknown-key'
  | 'bad-signature'
  | 'invalid-json'
  | 'invalid-schema'
  | 'not-newer'
  | 'expired';

type Verdict =
  | { ok: true; list: Watchlist }
  /**
   * `message`: in English (logs, tests); `text`: the same, localisable. `list`: for a refusal as not newer only, the
   * signed, valid list that was refused (to tell "the same list").
   */
  | { ok: false; code: RefusalCode; message: string; text: LocalText; list?: Watchlist };

/** The detached signature file served next to the list (`<url>.sig`). */
const signatureFileSchema = z.object({
  alg: z.literal('ed25519'),
  keyId: z.string().min(1),
  sig: z.string().min(1),
});
export type SignatureFile = z.infer<typeof signatureFileSchema>;

/** "refused: <reason>", localisable; the English rendering is the message. */
export function refusedText(reason: LocalText): LocalText {
  return { key: 'updateRefused', subs: [reason] };
}

const refuse = (code: RefusalCode, reason: LocalText): Verdict => {
  const text = refusedText(reason);
  return { ok: false, code, message: renderText(text), text };
};

export async function verifyListUpdate(input: {
  body: Uint8Array;
  signature: string | null;
  keys: readonly TrustedKey[];
  current: ListMeta | null;
  now: Date;
  maxBytes?: number;
}): Promise<Verdict> {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.body.byteLength > maxBytes) {
    return refuse('too-large', { key: 'updateTooLarge', subs: [String(input.body.byteLength), String(maxBytes)] });
  }
  if (!input.signature) return refuse('unsigned', { key: 'updateUnsigned' });
  let signature: SignatureFile;
  try {
    signature = signatureFileSchema.parse(JSON.parse(input.signature));
  } catch {
    return refuse('unsigned', { key: 'updateBadSignatureFile' });
  }
  const key = input.keys.find((k) => k.keyId === signature.keyId);
  if (!key) return refuse('unknown-key', { key: 'updateUnknownKey', subs: [signature.keyId] });
  let valid = false;
  try {
    valid = await ed.verifyAsync(fromBase64(signature.sig), input.body, fromBase64(key.publicKey));
  } catch {
    valid = false;
  }
  if (!valid) return refuse('bad-signature', { key: 'updateBadSignature' });

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(input.body));
  } catch {
    return refuse('invalid-json', { key: 'updateInvalidJson' });
  }
  const parsed = watchlistSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at: string | LocalText = issue.path.join('.') || { key: 'updateSchemaTopLevel' };
    return refuse('invalid-schema', { key: 'updateInvalidSchema', subs: [at, issue.message] });
  }
  const list = parsed.data;
  if (input.current && list.meta.version <= input.current.version) {
    return {
      ...refuse('not-newer', {
        key: 'updateNotNewer',
        subs: [String(list.meta.version), String(input.current.version)],
      }),
      list,
    };
  }
  if (Date.parse(list.meta.expiresAt) <= input.now.getTime()) {
    return refuse('expired', { key: 'updateExpired', subs: [list.meta.expiresAt.slice(0, 10)] });
  }
  return { ok: true, list };
}
