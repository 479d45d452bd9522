/**
 * Kafka's default partitioner for keyed records, bit-exact with the Java client:
 *
 *   partition = toPositive(Utils.murmur2(keyBytes)) % numPartitions      (BuiltInPartitioner.partitionForKey)
 *
 * String keys are hashed as the bytes `StringSerializer` produces, i.e. Java's
 * `String.getBytes(StandardCharsets.UTF_8)`, which `utf8Encode` reproduces by hand (no TextEncoder,
 * no Buffer: this file runs in the extension host, the webview and plain Node alike).
 *
 * Everything here is 32-bit integer arithmetic (`Math.imul`, `>>>`, `| 0`), so the results are
 * identical to Java's overflowing `int` arithmetic on every platform.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/**
 * MurmurHash2 (32-bit) exactly as `org.apache.kafka.common.utils.Utils.murmur2(byte[])`:
 * seed 0x9747b28c, m 0x5bd1e995, r 24, little-endian 4-byte blocks, the tail handled by a
 * fall-through switch, then the final mix. Returns a **signed** 32-bit integer, like Java's `int`.
 */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i << 2;
    let k = bytes[i4]! | (bytes[i4 + 1]! << 8) | (bytes[i4 + 2]! << 16) | (bytes[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // Java: switch (length % 4) { case 3: h ^= b[+2] << 16; case 2: h ^= b[+1] << 8; case 1: h ^= b[0]; h *= m; }
  // with fall-through; written as cascading ifs (the project forbids switch fall-through).
  const tail = length & ~3;
  const rest = length & 3;
  if (rest >= 3) h ^= bytes[tail + 2]! << 16;
  if (rest >= 2) h ^= bytes[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= bytes[tail]!;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * Kafka's `Utils.toPositive`: clears the sign bit (`x & 0x7fffffff`). This is NOT `Math.abs`:
 * toPositive(-1) is 2147483647, and toPositive(-2147483648) is 0 where Math.abs would overflow in Java.
 */
export function toPositive(x: number): number {
  return x & 0x7fffffff;
}

/**
 * UTF-8 bytes of a JavaScript (UTF-16) string, exactly as Java's `String.getBytes(UTF_8)` (and so
 * Kafka's `StringSerializer`) produces them:
 *  - U+0000..U+007F → 1 byte, ..U+07FF → 2 bytes, ..U+FFFF → 3 bytes;
 *  - a valid surrogate pair (high U+D800..U+DBFF followed by low U+DC00..U+DFFF) → the 4-byte
 *    encoding of the supplementary code point;
 *  - an UNPAIRED surrogate (a high one not followed by a low one, or a low one on its own) → the
 *    single byte '?' (0x3F): Java's encoder replaces malformed input with its replacement bytes,
 *    which for UTF-8 is "?". The character after a lone high surrogate is then encoded normally.
 *    (Node's `Buffer.from(s, 'utf8')` and `TextEncoder` differ here: they emit U+FFFD, EF BF BD.)
 *  - U+0000 is encoded as the single byte 0x00 (standard UTF-8, not Java's "modified UTF-8",
 *    which only DataOutput.writeUTF uses).
 */
export function utf8Encode(s: string): Uint8Array {
  // Worst case 3 bytes per UTF-16 code unit (a pair: 2 units → 4 bytes).
  const out = new Uint8Array(s.length * 3);
  let p = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out[p++] = 0xf0 | (cp >> 18);
        out[p++] = 0x80 | ((cp >> 12) & 0x3f);
        out[p++] = 0x80 | ((cp >> 6) & 0x3f);
        out[p++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        out[p++] = 0x3f; // '?', as Java's String.getBytes(UTF_8)
      }
    } else {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, p);
}

/**
 * The partition Kafka's default partitioner picks for a record with this (string) key:
 * `toPositive(murmur2(utf8(key))) % numPartitions`. Throws a RangeError if numPartitions is not a
 * positive integer.
 */
export function partitionForKey(key: string, numPartitions: number): number {
  if (typeof numPartitions !== 'number' || !Number.isSafeInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`numPartitions must be a positive integer, got ${String(numPartitions)}`);
  }
  return toPositive(murmur2(utf8Encode(key))) % numPartitions;
}

/** Same as `partitionForKey` for a key that is already serialized. */
export function partitionForKeyBytes(keyBytes: Uint8Array, numPartitions: number): number {
  if (typeof numPartitions !== 'number' || !Number.isSafeInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`numPartitions must be a positive integer, got ${String(numPartitions)}`);
  }
  return toPositive(murmur2(keyBytes)) % numPartitions;
}
