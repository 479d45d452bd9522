/**
 * Focused behaviour of the assignors beyond the reference cases: member ordering, the Java
 * hash-order emulation, cooperative two-phase withholding, generation conflict resolution,
 * the registry, and edge inputs.
 */
import * as assert from 'node:assert/strict';
import {
  ASSIGNOR_NAMES,
  compareMemberInfo,
  getAssignor,
  isAssignorName,
  javaHashMapOrder,
  javaStringHashCode,
  planSticky,
  sortMembersKafka,
} from '../../../src/sim/assignors';
import type { Assignment, AssignmentInput, AssignorMember, TopicPartition } from '../../../src/sim/assignors';

const tp = (topic: string, partition: number): TopicPartition => ({ topic, partition });

function plain(a: Assignment): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, list] of a) out[id] = list.map((x) => `${x.topic}-${x.partition}`);
  return out;
}

function input(topics: Record<string, number>, members: AssignorMember[]): AssignmentInput {
  return { topics: new Map(Object.entries(topics)), members };
}

function owning(a: Assignment, generation: number, subscription: string[]): AssignorMember[] {
  return [...a].map(([memberId, ownedPartitions]) => ({ memberId, subscription, ownedPartitions, generation }));
}

describe('member order (MemberInfo.compareTo, String.compareTo)', () => {
  it('compares ids by UTF-16 code units: consumer-10 < consumer-2', () => {
    assert.ok(compareMemberInfo({ memberId: 'consumer-10' }, { memberId: 'consumer-2' }) < 0);
    assert.deepEqual(
      sortMembersKafka([{ memberId: 'consumer-2' }, { memberId: 'consumer-10' }, { memberId: 'consumer-1' }]).map((m) => m.memberId),
      ['consumer-1', 'consumer-10', 'consumer-2'],
    );
    // Code units, not code points: U+FF5E (one unit) sorts after U+1F600 (a surrogate pair, 0xD83D...).
    assert.ok(compareMemberInfo({ memberId: '\u{1F600}' }, { memberId: '\uFF5E' }) < 0);
  });

  it('puts static members first, by instance id, even when a dynamic id is smaller', () => {
    const sorted = sortMembersKafka([
      { memberId: 'a-dynamic' },
      { memberId: 'z-static', groupInstanceId: 'instance-2' },
      { memberId: 'b-dynamic' },
      { memberId: 'y-static', groupInstanceId: 'instance-1' },
    ]).map((m) => m.memberId);
    assert.deepEqual(sorted, ['y-static', 'z-static', 'a-dynamic', 'b-dynamic']);
  });

  it('range gives the static member the first block even with a larger member id', () => {
    const result = getAssignor('range').assign(
      input({ t: 3 }, [
        { memberId: 'aaa', subscription: ['t'] },
        { memberId: 'zzz', subscription: ['t'], groupInstanceId: 'static-1' },
      ]),
    );
    assert.deepEqual(plain(result), { aaa: ['t-2'], zzz: ['t-0', 't-1'] });
  });

  it('range and roundrobin deal to consumer-10 before consumer-2', () => {
    const members = ['consumer-2', 'consumer-10'].map((memberId) => ({ memberId, subscription: ['t'] }));
    assert.deepEqual(plain(getAssignor('range').assign(input({ t: 3 }, members))), { 'consumer-2': ['t-2'], 'consumer-10': ['t-0', 't-1'] });
    assert.deepEqual(plain(getAssignor('roundrobin').assign(input({ t: 3 }, members))), { 'consumer-2': ['t-1'], 'consumer-10': ['t-0', 't-2'] });
  });
});

describe('Java hash emulation', () => {
  it('String.hashCode matches known Java values', () => {
    assert.equal(javaStringHashCode(''), 0);
    assert.equal(javaStringHashCode('abc'), 96354);
    assert.equal(javaStringHashCode('hello'), 99162322);
    assert.equal(javaStringHashCode('polygenelubricants'), -2147483648); // a classic Integer.MIN_VALUE hash
  });

  it('HashMap order: consumer3, consumer2, consumer1 (as in Kafka testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers)', () => {
    const ids = ['consumer1', 'consumer2', 'consumer3'];
    assert.deepEqual(javaHashMapOrder(ids).map((i) => ids[i]), ['consumer3', 'consumer2', 'consumer1']);
  });

  it('the table grows past 12 keys (capacity 16 → 32), which can reorder keys', () => {
    const ids = Array.from({ length: 13 }, (_, i) => `m${i}`);
    const order = javaHashMapOrder(ids);
    assert.equal(order.length, 13);
    assert.deepEqual([...order].sort((a, b) => a - b), ids.map((_, i) => i));
  });
});

describe('cooperative-sticky: two-phase (KIP-429)', () => {
  const topics = { t: 6 };
  const sub = ['t'];

  it('withholds the partitions that change owner, then hands them out in the follow-up round', () => {
    const coop = getAssignor('cooperative-sticky');
    const round0 = coop.assign(input(topics, [
      { memberId: 'c1', subscription: sub },
      { memberId: 'c2', subscription: sub },
    ]));
    assert.deepEqual(plain(round0), { c1: ['t-0', 't-2', 't-4'], c2: ['t-1', 't-3', 't-5'] });

    // c3 joins. Round 1: c1 and c2 keep 2 each, and the 2 they give up go to nobody yet.
    const round1Input = input(topics, [...owning(round0, 1, sub), { memberId: 'c3', subscription: sub }]);
    const round1 = coop.assign(round1Input);
    assert.deepEqual(plain(round1), { c1: ['t-0', 't-2'], c2: ['t-1', 't-3'], c3: [] });
    const plan = planSticky(round1Input, 'cooperative');
    assert.equal(plan.builder, 'constrained');
    assert.equal(plan.withheld, 2);

    // The eager sticky assignor would move them at once.
    const eager = getAssignor('sticky').assign(round1Input);
    assert.deepEqual(plain(eager), { c1: ['t-0', 't-2'], c2: ['t-1', 't-3'], c3: ['t-4', 't-5'] });

    // Follow-up round: c1 and c2 revoked t-4 and t-5, so nobody owns them; c3 gets them.
    const round2 = coop.assign(input(topics, owning(round1, 2, sub)));
    assert.deepEqual(plain(round2), { c1: ['t-0', 't-2'], c2: ['t-1', 't-3'], c3: ['t-4', 't-5'] });
  });

  it('a leaver\'s partitions are handed out at once: nobody has to revoke them', () => {
    const coop = getAssignor('cooperative-sticky');
    const round0 = coop.assign(input(topics, ['c1', 'c2', 'c3'].map((memberId) => ({ memberId, subscription: sub }))));
    const stay = owning(round0, 1, sub).filter((m) => m.memberId !== 'c2');
    const round1 = coop.assign(input(topics, stay));
    assert.equal([...round1.values()].reduce((n, l) => n + l.length, 0), 6);
    for (const m of stay) for (const p of m.ownedPartitions!) assert.ok(round1.get(m.memberId)!.some((x) => x.partition === p.partition));
  });

  it('general builder (unequal subscriptions): withholds newly assigned ∩ revoked', () => {
    // c1 owns everything of t1 and t2; c2 (only t1) joins and should get half of t1.
    const members: AssignorMember[] = [
      { memberId: 'c1', subscription: ['t1', 't2'], ownedPartitions: [tp('t1', 0), tp('t1', 1), tp('t2', 0), tp('t2', 1)], generation: 1 },
      { memberId: 'c2', subscription: ['t1'] },
    ];
    const plan = planSticky(input({ t1: 2, t2: 2 }, members), 'cooperative');
    assert.equal(plan.builder, 'general');
    assert.ok(plan.withheld >= 1);
    const result = plain(plan.assignment);
    assert.deepEqual(result['c2'], []);
    assert.equal(result['c1']!.length, 4 - plan.withheld);
    const eager = plain(getAssignor('sticky').assign(input({ t1: 2, t2: 2 }, members)));
    assert.equal(eager['c2']!.length, plan.withheld);
  });
});

describe('sticky: ownership clean-up by generation', () => {
  const sub = ['t'];
  for (const name of ['sticky', 'cooperative-sticky'] as const) {
    describe(name, () => {
      it('same generation double claim: neither keeps it', () => {
        const result = getAssignor(name).assign(input({ t: 2 }, [
          { memberId: 'a', subscription: sub, ownedPartitions: [tp('t', 0)], generation: 3 },
          { memberId: 'b', subscription: sub, ownedPartitions: [tp('t', 0)], generation: 3 },
        ]));
        // t-0 is invalidated for both and assigned fresh: a (first by id) gets t-0 — withheld under cooperative.
        if (name === 'sticky') assert.deepEqual(plain(result), { a: ['t-0'], b: ['t-1'] });
        else assert.deepEqual(plain(result), { a: [], b: ['t-1'] });
      });

      it('higher generation wins a conflicting claim', () => {
        const result = getAssignor(name).assign(input({ t: 2 }, [
          { memberId: 'a', subscription: sub, ownedPartitions: [tp('t', 0), tp('t', 1)], generation: 4 },
          { memberId: 'b', subscription: sub, ownedPartitions: [tp('t', 1)], generation: 5 },
        ]));
        assert.deepEqual(plain(result), { a: ['t-0'], b: ['t-1'] });
      });

      it('a missing generation counts as -1 and loses', () => {
        const result = getAssignor(name).assign(input({ t: 2 }, [
          { memberId: 'a', subscription: sub, ownedPartitions: [tp('t', 1)], generation: 0 },
          { memberId: 'b', subscription: sub, ownedPartitions: [tp('t', 1)] },
        ]));
        assert.deepEqual(plain(result), { a: ['t-1'], b: ['t-0'] });
      });
    });
  }

  it('eager sticky ignores ownedPartitions without a generation (no userData)', () => {
    const members: AssignorMember[] = [
      { memberId: 'a', subscription: sub, ownedPartitions: [tp('t', 1)] },
      { memberId: 'b', subscription: sub },
    ];
    assert.deepEqual(plain(getAssignor('sticky').assign(input({ t: 2 }, members))), { a: ['t-0'], b: ['t-1'] });
    // cooperative-sticky uses Subscription.ownedPartitions even without a generation.
    assert.deepEqual(plain(getAssignor('cooperative-sticky').assign(input({ t: 2 }, members))), { a: ['t-1'], b: ['t-0'] });
  });

  it('keeps owned partitions in (partition, topic) order when it must give some up', () => {
    // a owns 4, quota is 2: keeps the lowest partition numbers across topics: x-0, y-0.
    const result = getAssignor('sticky').assign(input({ x: 2, y: 2 }, [
      { memberId: 'a', subscription: ['x', 'y'], ownedPartitions: [tp('x', 0), tp('x', 1), tp('y', 0), tp('y', 1)], generation: 1 },
      { memberId: 'b', subscription: ['x', 'y'], generation: 1 },
    ]));
    assert.deepEqual(plain(result), { a: ['x-0', 'y-0'], b: ['x-1', 'y-1'] });
  });
});

describe('registry and edge inputs', () => {
  it('exposes the four assignors by Kafka name', () => {
    assert.deepEqual([...ASSIGNOR_NAMES], ['range', 'roundrobin', 'sticky', 'cooperative-sticky']);
    for (const name of ASSIGNOR_NAMES) {
      assert.ok(isAssignorName(name));
      assert.equal(getAssignor(name).name, name);
    }
    assert.deepEqual(getAssignor('cooperative-sticky').supportedProtocols, ['COOPERATIVE', 'EAGER']);
    assert.deepEqual(getAssignor('range').supportedProtocols, ['EAGER']);
    assert.equal(isAssignorName('Range'), false);
    assert.equal(isAssignorName(undefined), false);
    assert.throws(() => getAssignor('uniform'), /unknown assignor 'uniform'.*range, roundrobin, sticky, cooperative-sticky/);
  });

  for (const name of ASSIGNOR_NAMES) {
    it(`${name}: no members → empty; unknown and empty topics skipped; every member listed`, () => {
      const a = getAssignor(name);
      assert.equal(a.assign(input({ t: 3 }, [])).size, 0);
      const result = a.assign(input({ t: 2, empty: 0, unused: 5 }, [
        { memberId: 'x', subscription: ['t', 'empty', 'missing'] },
        { memberId: 'y', subscription: [] },
      ]));
      assert.deepEqual(plain(result), { x: ['t-0', 't-1'], y: [] });
    });

    it(`${name}: rejects duplicate member ids`, () => {
      assert.throws(() => getAssignor(name).assign(input({ t: 1 }, [
        { memberId: 'x', subscription: ['t'] },
        { memberId: 'x', subscription: ['t'] },
      ])), /duplicate member id 'x'/);
    });
  }

  it('returns shared (interned) TopicPartition objects, frozen', () => {
    const i = input({ t: 2 }, [{ memberId: 'x', subscription: ['t'] }]);
    const first = getAssignor('range').assign(i).get('x')!;
    const second = getAssignor('sticky').assign(i).get('x')!;
    assert.equal(first[0], second[0]);
    assert.ok(Object.isFrozen(first[0]));
  });
});
