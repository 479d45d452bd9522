import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteFormatError, utf8Decode, utf8Encode } from '../../../src/sim/group/bytes';
import { decodeAssignment, decodeStickyUserData, decodeSubscription, encodeAssignment, encodeStickyUserData, encodeSubscription } from '../../../src/sim/group/consumerProtocol';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

describe('ConsumerProtocol encodings', () => {
  it('writes a subscription byte for byte as ConsumerProtocolSubscription v3 lays it out', () => {
    const bytes = encodeSubscription({ topics: ['t'], userData: null, ownedPartitions: [{ topic: 't', partition: 2 }], generationId: 5, rackId: null });
    // version 3 | topics [1] "t" | userData null | ownedPartitions [1] {"t", [2]} | generation 5 | rack null
    assert.equal(hex(bytes), '00 03 00 00 00 01 00 01 74 ff ff ff ff 00 00 00 01 00 01 74 00 00 00 01 00 00 00 02 00 00 00 05 ff ff');
  });

  it('writes an assignment as ConsumerProtocolAssignment v3 and reads an empty one as no partitions', () => {
    const bytes = encodeAssignment({ partitions: [{ topic: 'a', partition: 0 }, { topic: 'a', partition: 1 }], userData: null });
    assert.equal(hex(bytes), '00 03 00 00 00 01 00 01 61 00 00 00 02 00 00 00 00 00 00 00 01 ff ff ff ff');
    assert.deepEqual(decodeAssignment(new Uint8Array(0)), { partitions: [], userData: null });
  });

  it('reads older versions with Kafka defaults for the missing fields', () => {
    const v0 = encodeSubscription({ topics: ['x', 'y'], userData: Uint8Array.of(1, 2), ownedPartitions: [{ topic: 'x', partition: 0 }], generationId: 3, rackId: 'r1' }, 0);
    assert.deepEqual(decodeSubscription(v0), { topics: ['x', 'y'], userData: Uint8Array.of(1, 2), ownedPartitions: [], generationId: -1, rackId: null });
    const v1 = encodeSubscription({ topics: ['x'], userData: null, ownedPartitions: [{ topic: 'x', partition: 4 }], generationId: 3, rackId: 'r1' }, 1);
    assert.deepEqual(decodeSubscription(v1).ownedPartitions, [{ topic: 'x', partition: 4 }]);
    assert.equal(decodeSubscription(v1).generationId, -1);
  });

  it('round-trips any subscription, assignment and sticky userData', () => {
    const tp = fc.record({ topic: fc.string({ minLength: 1, maxLength: 12 }), partition: fc.nat(10_000) });
    const bytes = fc.option(fc.uint8Array({ maxLength: 16 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), bytes, fc.array(tp, { maxLength: 8 }), fc.integer({ min: -1, max: 1e6 }), fc.option(fc.string({ maxLength: 8 }), { nil: null }), (topics, userData, ownedRecords, generationId, rackId) => {
        const owned = ownedRecords.map((p) => ({ topic: p.topic, partition: p.partition }));
        // Partitions come back grouped by topic, in first-seen order.
        const grouped = [...new Set(owned.map((p) => p.topic))].flatMap((t) => owned.filter((p) => p.topic === t));
        assert.deepEqual(decodeSubscription(encodeSubscription({ topics, userData, ownedPartitions: owned, generationId, rackId })), { topics, userData, ownedPartitions: grouped, generationId, rackId });
        assert.deepEqual(decodeAssignment(encodeAssignment({ partitions: owned, userData })), { partitions: grouped, userData });
        assert.deepEqual(decodeStickyUserData(encodeStickyUserData({ partitions: owned, generation: generationId })), { partitions: grouped, generation: generationId });
      }),
    );
  });

  it('refuses truncated or lying bytes with the field and offset named', () => {
    const good = encodeSubscription({ topics: ['topic'], userData: null, ownedPartitions: [], generationId: 1, rackId: null });
    assert.throws(() => decodeSubscription(good.slice(0, 7)), (e: unknown) => e instanceof ByteFormatError && /ConsumerProtocolSubscription: topics\[0\] needs 5 bytes at offset 8, but only 0 remain|topics\[0\]/.test(e.message));
    assert.throws(() => decodeSubscription(Uint8Array.of(0, 1, 0x7f, 0xff, 0xff, 0xff)), /topics has 2147483647 elements at offset 2/);
    assert.throws(() => decodeAssignment(Uint8Array.of(0xff, 0xfe)), /version -2 is not valid/);
    assert.throws(() => decodeSubscription(Uint8Array.of(0)), /version needs 2 bytes at offset 0/);
  });

  it('encodes and decodes UTF-8 exactly as TextEncoder and TextDecoder do', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 10 }), (s, raw) => {
        assert.deepEqual(utf8Encode(s), new TextEncoder().encode(s));
        assert.equal(utf8Decode(utf8Encode(s)), s);
        // Lone surrogates and arbitrary bytes: the same replacement characters.
        assert.deepEqual(utf8Encode(raw + '\ud800'), new TextEncoder().encode(raw + '\ud800'));
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 24 }), (b) => assert.equal(utf8Decode(b), new TextDecoder().decode(b))));
  });
});

describe('KIP-848 member ids', () => {
  it('are Kafka Uuids as Kafka prints them: a version-4 UUID in URL-safe base64 without padding, never starting with "-"', async () => {
    const { kafkaUuid } = await import('../../../src/sim/group/reconciliation');
    const { Random } = await import('../../../src/sim/random');
    const rng = new Random(42);
    for (let i = 0; i < 5_000; i++) {
      const id = kafkaUuid({ rng });
      assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{20}[AQgw]$/);
      const bytes = Buffer.from(id, 'base64url');
      assert.equal(bytes.length, 16);
      assert.equal(bytes[6]! >> 4, 4, 'version 4');
      assert.equal(bytes[8]! >> 6, 2, 'IETF variant');
      assert.equal(bytes.toString('base64url'), id);
    }
  });
});
