/**
 * Property tests (fast-check) for the assignors: validity for any input, balance with equal
 * subscriptions, stickiness across a membership change, cooperative convergence, and Kafka's
 * `verifyValidityAndBalance` rule for the general sticky builder.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ASSIGNOR_NAMES, getAssignor } from '../../../src/sim/assignors';
import type { Assignment, AssignmentInput, AssignorMember, AssignorName, TopicPartition } from '../../../src/sim/assignors';
import { checkAssignment } from '../../../src/sim/assignors/check';

const TOPIC_NAMES = ['a', 'b', 't10', 't2', 'topic-\u00e9'];
const MEMBER_IDS = ['consumer-1', 'consumer-10', 'consumer-2', 'c', 'C', 'x\u{1F600}', 'member-b', 'Aa', 'BB'];

const topicsArb = fc
  .uniqueArray(fc.constantFrom(...TOPIC_NAMES), { minLength: 1, maxLength: 4 })
  .chain((names) => fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: 9 })))))
  .map((entries) => new Map(entries));

/** Any input: random subscriptions (maybe unknown topics), random and possibly conflicting owned partitions. */
const anyInputArb: fc.Arbitrary<AssignmentInput> = topicsArb.chain((topics) => {
  const names = [...topics.keys()];
  const partitions: TopicPartition[] = names.flatMap((t) => Array.from({ length: topics.get(t)! }, (_, p) => ({ topic: t, partition: p })));
  const member = (memberId: string): fc.Arbitrary<AssignorMember> =>
    fc.record(
      {
        memberId: fc.constant(memberId),
        subscription: fc.subarray([...names, 'unknown-topic']),
        groupInstanceId: fc.constantFrom('i1', 'i2', 'i3'),
        ownedPartitions: partitions.length === 0 ? fc.constant([]) : fc.array(fc.constantFrom(...partitions), { maxLength: 6 }),
        generation: fc.integer({ min: -1, max: 3 }),
      },
      { requiredKeys: ['memberId', 'subscription'] },
    );
  return fc
    .uniqueArray(fc.constantFrom(...MEMBER_IDS), { minLength: 0, maxLength: 7 })
    .chain((ids) => fc.tuple(...ids.map(member)))
    .map((members) => ({ topics, members: dedupeInstanceIds(members) }));
});

function dedupeInstanceIds(members: AssignorMember[]): AssignorMember[] {
  const seen = new Set<string>();
  return members.map((m) => {
    if (m.groupInstanceId === undefined || !seen.has(m.groupInstanceId)) {
      if (m.groupInstanceId !== undefined) seen.add(m.groupInstanceId);
      return m;
    }
    const { groupInstanceId: _drop, ...rest } = m;
    return rest;
  });
}

/** Equal subscriptions: every member subscribes to all topics. */
const equalInputArb = fc
  .tuple(topicsArb, fc.uniqueArray(fc.constantFrom(...MEMBER_IDS), { minLength: 1, maxLength: 8 }))
  .map(([topics, ids]): AssignmentInput => ({ topics, members: ids.map((memberId) => ({ memberId, subscription: [...topics.keys()] })) }));

function total(a: Assignment): number {
  let n = 0;
  for (const l of a.values()) n += l.length;
  return n;
}

function keyOf(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}

const RUNS = { numRuns: 300 };

describe('assignor properties (fast-check)', () => {
  for (const name of ASSIGNOR_NAMES) {
    it(`${name}: valid for any input (no partition twice, only subscribed topics, every member present, sorted lists)`, () => {
      fc.assert(
        fc.property(anyInputArb, (input) => {
          const result = getAssignor(name).assign(input);
          const report = checkAssignment(input, result);
          assert.deepEqual(report.duplicates, []);
          assert.deepEqual(report.unsubscribed, []);
          assert.deepEqual(report.missingMembers, []);
          assert.deepEqual(report.unknownMembers, []);
          if (name !== 'cooperative-sticky') assert.deepEqual(report.unassigned, [], 'eager assignors assign everything');
          for (const list of result.values()) {
            for (let i = 1; i < list.length; i++) {
              const a = list[i - 1]!;
              const b = list[i]!;
              assert.ok(a.topic < b.topic || (a.topic === b.topic && a.partition < b.partition), 'sorted by topic, partition');
            }
          }
        }),
        RUNS,
      );
    });

    it(`${name}: deterministic and independent of member input order`, () => {
      fc.assert(
        fc.property(anyInputArb, (input) => {
          const a = getAssignor(name).assign(input);
          const reversed = getAssignor(name).assign({ topics: input.topics, members: input.members.slice().reverse() });
          // HashMap bucket ties fall back to insertion order, so only sizes are compared for sticky.
          for (const [id, list] of a) {
            if (name === 'range' || name === 'roundrobin') assert.deepEqual(reversed.get(id), list);
            else assert.ok(reversed.has(id));
          }
        }),
        { numRuns: 100 },
      );
    });
  }

  for (const name of ['roundrobin', 'sticky', 'cooperative-sticky'] as AssignorName[]) {
    it(`${name}: equal subscriptions, nobody owning anything → sizes differ by at most 1`, () => {
      fc.assert(
        fc.property(equalInputArb, (input) => {
          const report = checkAssignment(input, getAssignor(name).assign(input));
          assert.ok(report.fullyBalanced, JSON.stringify([...report.sizes]));
          assert.deepEqual(report.unassigned, []);
        }),
        RUNS,
      );
    });
  }

  it('range: each topic is split into blocks that differ by at most 1', () => {
    fc.assert(
      fc.property(equalInputArb, (input) => {
        const result = getAssignor('range').assign(input);
        for (const [topic] of input.topics) {
          const sizes = [...result.values()].map((l) => l.filter((x) => x.topic === topic).length);
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
        }
      }),
      RUNS,
    );
  });

  for (const name of ['sticky', 'cooperative-sticky'] as AssignorName[]) {
    it(`${name}: equal subscriptions, members leave and join → balanced, and a staying member keeps min(owned, quota)`, () => {
      const changeArb = equalInputArb.chain((input) => {
        const newcomers = MEMBER_IDS.filter((id) => !input.members.some((m) => m.memberId === id));
        return fc.record({
          input: fc.constant(input),
          leave: fc.subarray(input.members.map((m) => m.memberId)),
          join: fc.subarray(newcomers, { maxLength: Math.min(3, newcomers.length) }),
        });
      });
      fc.assert(
        fc.property(changeArb, ({ input, leave, join }) => {
          const assignor = getAssignor(name);
          const subscription = [...input.topics.keys()];
          const before = getAssignor('sticky').assign(input); // a complete, balanced starting point
          const members: AssignorMember[] = [
            ...[...before]
              .filter(([id]) => !leave.includes(id))
              .map(([memberId, ownedPartitions]) => ({ memberId, subscription, ownedPartitions, generation: 1 })),
            ...join.map((memberId) => ({ memberId, subscription })),
          ];
          fc.pre(members.length > 0);
          const next: AssignmentInput = { topics: input.topics, members };
          const result = assignor.assign(next);
          const n = [...input.topics.values()].reduce((x, y) => x + y, 0);
          const minQuota = Math.floor(n / members.length);
          for (const m of members) {
            if (!m.ownedPartitions) continue;
            const got = new Set(result.get(m.memberId)!.map(keyOf));
            const kept = m.ownedPartitions.filter((x) => got.has(keyOf(x))).length;
            assert.ok(kept >= Math.min(m.ownedPartitions.length, minQuota), `${m.memberId} kept ${kept} of ${m.ownedPartitions.length}, quota ${minQuota}`);
          }
          const report = checkAssignment(next, result);
          assert.ok(report.valid);
          if (name === 'sticky') {
            assert.ok(report.fullyBalanced);
            assert.equal(total(result), n);
          }
        }),
        RUNS,
      );
    });
  }

  it('cooperative-sticky converges: the follow-up round withholds nothing and matches eager sticky', () => {
    fc.assert(
      fc.property(anyInputArb, (input) => {
        const coop = getAssignor('cooperative-sticky');
        const round1 = coop.assign(input);
        // Each member now owns what it was given, one generation later.
        const gen = Math.max(0, ...input.members.map((m) => m.generation ?? -1)) + 1;
        const next: AssignmentInput = {
          topics: input.topics,
          members: input.members.map((m) => ({ ...m, ownedPartitions: round1.get(m.memberId)!, generation: gen })),
        };
        const round2 = coop.assign(next);
        const eager = getAssignor('sticky').assign(next);
        // Nothing is owned twice now, so nothing needs revoking before being handed out... unless the
        // round-2 balance moves owned partitions again; in that case round 3 must settle.
        let last = round2;
        let input3 = next;
        for (let round = 0; round < 3 && total(last) < total(eager); round++) {
          input3 = { topics: input.topics, members: input.members.map((m) => ({ ...m, ownedPartitions: last.get(m.memberId)!, generation: gen + 1 + round })) };
          last = coop.assign(input3);
        }
        assert.equal(total(last), total(eager), 'everything assigned after the follow-up rounds');
        assert.ok(checkAssignment(input3, last).valid);
      }),
      RUNS,
    );
  });

  it('sticky (general builder): Kafka verifyValidityAndBalance holds for any subscriptions', () => {
    fc.assert(
      fc.property(anyInputArb, (input) => {
        const result = getAssignor('sticky').assign(input);
        const report = checkAssignment(input, result);
        assert.ok(report.kafkaBalanced, JSON.stringify(Object.fromEntries(report.sizes)));
      }),
      RUNS,
    );
  });
});
