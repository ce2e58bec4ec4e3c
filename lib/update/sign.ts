/** Signing, for the maintainer scripts and the tests (the extension itself only verifies). */
import * as ed from '@noble/ed25519';
import { fromBase64, toBase64 } from './encoding';
import type { SignatureFile } from './verify';

export async function signList(body: Uint8Array, secretKeyBase64: string, keyId: string): Promise<SignatureFile> {
  const sig = await ed.signAsync(body, fromBase64(secretKeyBase64));
  return { alg: 'ed25519', keyId, sig: toBase64(sig) };
}

export async function publicKeyOf(secretKeyBase64: string): Promise<string> {
  return toBase64(await ed.getPublicKeyAsync(fromBase64(secretKeyBase64)));
}
