import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Password encryption compatible with y-webrtc (src/crypto.js): an AES-GCM-256 key from PBKDF2
 * (SHA-256, 100,000 iterations) of the password, salted with the room name; each message is
 * varString "AES-GCM", varUint8Array iv (12 random bytes), varUint8Array ciphertext. JSON values are
 * written with lib0's `writeAny` first, as y-webrtc does, so a y-webrtc peer reads our signalling.
 */

export type RoomKey = CryptoKey;

export async function deriveRoomKey(password: string, room: string): Promise<RoomKey> {
  const text = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', text.encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: text.encode(room), iterations: 100_000, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encrypt(data: Uint8Array<ArrayBuffer>, key: RoomKey): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);
  const e = encoding.createEncoder();
  encoding.writeVarString(e, 'AES-GCM');
  encoding.writeVarUint8Array(e, iv);
  encoding.writeVarUint8Array(e, new Uint8Array(cipher));
  return encoding.toUint8Array(e);
}

/** Throws DecryptError when the bytes are not ours or the key is not the sender's (another password). */
export async function decrypt(data: Uint8Array<ArrayBuffer>, key: RoomKey): Promise<Uint8Array<ArrayBuffer>> {
  let iv: Uint8Array<ArrayBuffer>;
  let cipher: Uint8Array<ArrayBuffer>;
  try {
    const d = decoding.createDecoder(data);
    const algorithm = decoding.readVarString(d);
    if (algorithm !== 'AES-GCM') throw new Error(`unknown algorithm ${JSON.stringify(algorithm)}`);
    iv = decoding.readVarUint8Array(d);
    cipher = decoding.readVarUint8Array(d);
  } catch (e) {
    throw new DecryptError(`not an encrypted message (${(e as Error).message})`);
  }
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher));
  } catch {
    throw new DecryptError('cannot decrypt: the sender uses another password');
  }
}

export class DecryptError extends Error {
  override name = 'DecryptError';
}

export async function encryptJson(value: unknown, key: RoomKey): Promise<Uint8Array> {
  const e = encoding.createEncoder();
  encoding.writeAny(e, value as Parameters<typeof encoding.writeAny>[1]);
  return encrypt(encoding.toUint8Array(e), key);
}

export async function decryptJson(data: Uint8Array<ArrayBuffer>, key: RoomKey): Promise<unknown> {
  const plain = await decrypt(data, key);
  try {
    return decoding.readAny(decoding.createDecoder(plain));
  } catch (e) {
    throw new DecryptError(`decrypted message is not a value (${(e as Error).message})`);
  }
}
