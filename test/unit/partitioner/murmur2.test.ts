import assert from 'node:assert/strict';
import fc from 'fast-check';
import { murmur2, partitionForKey, partitionForKeyBytes, toPositive, utf8Encode } from '../../../src/sim/murmur2';

/**
 * A deliberately plain transcription of Java's Utils.murmur2, using BigInt-free 32-bit arithmetic
 * written differently from the implementation (explicit `>>> 0` and modular multiplication via
 * 16-bit halves), so a shared mistake is unlikely.
 */
function mul32(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = (a >>> 16) & 0xffff;
  return ((aLo * b + (((aHi * b) & 0xffff) << 16)) >>> 0);
}
function referenceMurmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  let h = (0x9747b28c ^ data.length) >>> 0;
  const n4 = Math.floor(data.length / 4);
  for (let i = 0; i < n4; i++) {
    let k = (data[4 * i]! + data[4 * i + 1]! * 256 + data[4 * i + 2]! * 65536 + data[4 * i + 3]! * 16777216) >>> 0;
    k = mul32(k, m);
    k = (k ^ (k >>> 24)) >>> 0;
    k = mul32(k, m);
    h = mul32(h, m);
    h = (h ^ k) >>> 0;
  }
  const rest = data.length % 4;
  const base = data.length - rest;
  if (rest >= 3) h = (h ^ (data[base + 2]! << 16)) >>> 0;
  if (rest >= 2) h = (h ^ (data[base + 1]! << 8)) >>> 0;
  if (rest >= 1) {
    h = (h ^ data[base]!) >>> 0;
    h = mul32(h, m);
  }
  h = (h ^ (h >>> 13)) >>> 0;
  h = mul32(h, m);
  h = (h ^ (h >>> 15)) >>> 0;
  return h | 0; // to Java's signed int
}

const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

describe('murmur2 (Kafka Utils.murmur2)', () => {
  // UtilsTest.testMurmur2 in apache/kafka.
  const vectors: Array<[string, number]> = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ];
  for (const [input, expected] of vectors) {
    it(`murmur2("${input}") = ${expected}`, () => {
      assert.equal(murmur2(utf8Encode(input)), expected);
      assert.equal(referenceMurmur2(bytes(input)), expected, 'the test reference agrees too');
    });
  }

  it('returns a signed 32-bit integer and handles every tail length (0..3) and empty input', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'abcde']) {
      const h = murmur2(utf8Encode(s));
      assert.ok(Number.isInteger(h) && h >= -2147483648 && h <= 2147483647);
      assert.equal(h, referenceMurmur2(bytes(s)));
    }
  });

  it('agrees with the reference on random byte arrays (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (arr) => murmur2(arr) === referenceMurmur2(arr)),
      { numRuns: 300 },
    );
  });
});

describe('toPositive', () => {
  it('clears the sign bit instead of taking the absolute value', () => {
    const h = murmur2(utf8Encode('foobar')); // -790332482
    assert.ok(h < 0);
    assert.equal(toPositive(h), h & 0x7fffffff);
    assert.equal(toPositive(h), 1357151166);
    assert.notEqual(toPositive(h), Math.abs(h)); // 790332482: a different partition in general
    assert.equal(toPositive(h) % 6, 0);
    assert.equal(Math.abs(h) % 6, 2);
  });
  it('edge values', () => {
    assert.equal(toPositive(-1), 2147483647);
    assert.equal(toPositive(-2147483648), 0);
    assert.equal(toPositive(0), 0);
    assert.equal(toPositive(2147483647), 2147483647);
  });
});

describe('utf8Encode (Java String.getBytes(UTF_8))', () => {
  it('matches Buffer.from(s, "utf8") on well-formed strings: ASCII, Korean, emoji', () => {
    for (const s of ['', 'key-0', 'é', '카프카', 'Ελληνικά', '日本語のキー', '😀', 'a😀b', '𝄞 music', '\u0000x']) {
      assert.deepEqual(Array.from(utf8Encode(s)), Array.from(bytes(s)), JSON.stringify(s));
    }
  });
  it('Korean "카프카" is 9 bytes', () => {
    assert.deepEqual(Array.from(utf8Encode('카프카')), [0xec, 0xb9, 0xb4, 0xed, 0x94, 0x84, 0xec, 0xb9, 0xb4]);
  });
  it('encodes a surrogate pair as one 4-byte sequence', () => {
    assert.deepEqual(Array.from(utf8Encode('\ud83d\ude00')), [0xf0, 0x9f, 0x98, 0x80]);
  });
  it('replaces unpaired surrogates with "?" (0x3F) as Java does (Node would emit EF BF BD)', () => {
    assert.deepEqual(Array.from(utf8Encode('a\ud83d')), [0x61, 0x3f]);
    assert.deepEqual(Array.from(utf8Encode('\ude00b')), [0x3f, 0x62]);
    assert.deepEqual(Array.from(utf8Encode('\ud83dx')), [0x3f, 0x78]); // the next char is kept
    assert.deepEqual(Array.from(utf8Encode('\ude00\ud83d')), [0x3f, 0x3f]); // low then high: both lone
    assert.deepEqual(Array.from(utf8Encode('\ud83d\ud83d\ude00')), [0x3f, 0xf0, 0x9f, 0x98, 0x80]);
  });
  it('agrees with Buffer on every well-formed string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        assert.deepEqual(Array.from(utf8Encode(s)), Array.from(bytes(s)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('partitionForKey', () => {
  const reference = (key: string, n: number): number => (referenceMurmur2(bytes(key)) & 0x7fffffff) % n;

  it('known examples', () => {
    // toPositive(murmur2) of the UtilsTest vectors, then % n.
    assert.equal(partitionForKey('foobar', 6), 0);
    assert.equal(partitionForKey('21', 3), (-973932308 & 0x7fffffff) % 3);
    assert.equal(partitionForKey('abc', 10), 479470107 % 10);
    assert.equal(partitionForKey('anything', 1), 0);
  });
  it('multi-byte keys match a Buffer-based reference', () => {
    for (const key of ['카프카', '카프카-1', 'ключ', 'clé', '🔑-42', '主题']) {
      for (const n of [1, 2, 3, 6, 7, 12, 100, 10000]) {
        assert.equal(partitionForKey(key, n), reference(key, n), `${key} % ${n}`);
      }
    }
    assert.equal(partitionForKeyBytes(bytes('카프카'), 6), reference('카프카', 6));
  });
  it('is always in [0, n) and matches the reference (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.integer({ min: 1, max: 1_000_000 }), (key, n) => {
        const p = partitionForKey(key, n);
        return p >= 0 && p < n && p === reference(key, n);
      }),
      { numRuns: 300 },
    );
  });
  it('key-0..key-29 over 6 partitions: every key keeps its partition, and keys spread', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const p = partitionForKey(`key-${i}`, 6);
      assert.equal(p, reference(`key-${i}`, 6));
      assert.equal(partitionForKey(`key-${i}`, 6), p);
      seen.add(p);
    }
    assert.ok(seen.size >= 4, `30 keys should hit most of 6 partitions, hit ${seen.size}`);
  });
  it('rejects a bad partition count with a RangeError naming the value', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      assert.throws(() => partitionForKey('k', bad), (e: unknown) => e instanceof RangeError && e.message.includes(String(bad)));
    }
  });
});
