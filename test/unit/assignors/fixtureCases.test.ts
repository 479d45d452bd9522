/**
 * Replays every case of test/fixtures/assignor-cases.json (transcribed from Kafka's own assignor
 * tests and javadoc, with `expected` = the output of Kafka's Java classes) through our assignors.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getAssignor, isAssignorName, javaHashMapOrder } from '../../../src/sim/assignors';
import type { Assignment, AssignmentInput } from '../../../src/sim/assignors';
import { checkAssignment } from '../../../src/sim/assignors/check';

interface FixtureMember {
  id: string;
  subscription: string[];
  groupInstanceId?: string;
  ownedPartitions?: [string, number][];
  generation?: number;
}
interface FixtureCase {
  id: string;
  strategy: string;
  topics: Record<string, number>;
  members: FixtureMember[];
  expected: Record<string, [string, number][]>;
  hashOrderSensitive?: boolean;
  javaHashMapMemberOrder?: string[];
  expectedPartitionsTransferringOwnership?: Record<string, string> | null;
  properties: {
    valid: boolean;
    sizes: Record<string, number>;
    fullyBalanced: boolean;
    kafkaBalanced: boolean;
    previouslyOwnedKept: number;
    unassigned: unknown[];
  };
}

const fixturePath = path.resolve(__dirname, '../../../../test/fixtures/assignor-cases.json');
const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8')) as { cases: FixtureCase[] };

function toInput(c: FixtureCase): AssignmentInput {
  return {
    topics: new Map(Object.entries(c.topics)),
    members: c.members.map((m) => ({
      memberId: m.id,
      subscription: m.subscription,
      ...(m.groupInstanceId !== undefined ? { groupInstanceId: m.groupInstanceId } : {}),
      ...(m.ownedPartitions ? { ownedPartitions: m.ownedPartitions.map(([topic, partition]) => ({ topic, partition })) } : {}),
      ...(m.generation !== undefined ? { generation: m.generation } : {}),
    })),
  };
}

function toPlain(a: Assignment): Record<string, [string, number][]> {
  const out: Record<string, [string, number][]> = {};
  for (const [id, list] of a) out[id] = list.map((tp) => [tp.topic, tp.partition]);
  return out;
}

function sortedPlain(e: Record<string, [string, number][]>): Record<string, [string, number][]> {
  const out: Record<string, [string, number][]> = {};
  for (const [id, list] of Object.entries(e)) {
    out[id] = list.slice().sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
  }
  return out;
}

/** Partitions a member owned (for its assignor) that it keeps. */
function previouslyOwnedKept(c: FixtureCase, a: Assignment): number {
  let kept = 0;
  for (const m of c.members) {
    if (c.strategy === 'sticky' && (m.generation === undefined || m.generation < 0)) continue;
    const got = new Set((a.get(m.id) ?? []).map((tp) => `${tp.topic}\u0000${tp.partition}`));
    for (const [t, p] of m.ownedPartitions ?? []) if (got.has(`${t}\u0000${p}`)) kept++;
  }
  return kept;
}

describe('assignor fixture cases (Kafka reference)', () => {
  it('has all 106 cases', () => {
    assert.equal(fixture.cases.length, 106);
    for (const c of fixture.cases) assert.ok(isAssignorName(c.strategy), c.id);
  });

  for (const c of fixture.cases) {
    it(`${c.strategy}: ${c.id}`, () => {
      const input = toInput(c);
      const result = getAssignor(c.strategy).assign(input);
      const got = toPlain(result);
      // Lists are sorted by (topic, partition) by contract; Java's sticky lists keep insertion order.
      assert.deepEqual(got, sortedPlain(got), 'each list sorted by topic, partition');
      // Exact match on every case, including the hashOrderSensitive ones (Java HashMap order is emulated).
      assert.deepEqual(got, sortedPlain(c.expected));

      // The properties Kafka's tests assert hold as well.
      const report = checkAssignment(input, result);
      assert.equal(report.valid, c.properties.valid, 'valid');
      assert.equal(report.fullyBalanced, c.properties.fullyBalanced, 'fullyBalanced');
      assert.equal(report.kafkaBalanced, c.properties.kafkaBalanced, 'kafkaBalanced');
      assert.deepEqual(Object.fromEntries(report.sizes), c.properties.sizes, 'sizes');
      assert.ok(previouslyOwnedKept(c, result) >= c.properties.previouslyOwnedKept, 'previouslyOwnedKept');
      if (c.strategy !== 'cooperative-sticky') assert.deepEqual(report.unassigned, [], 'nothing unassigned');
    });
  }

  describe('hashOrderSensitive cases, checked by property as well', () => {
    const sensitive = fixture.cases.filter((c) => c.hashOrderSensitive);
    it('there are some', () => assert.ok(sensitive.length >= 2));
    for (const c of sensitive) {
      it(`${c.id}: valid, same sizes and balance, keeps at least as much`, () => {
        const input = toInput(c);
        const result = getAssignor(c.strategy).assign(input);
        const report = checkAssignment(input, result);
        assert.ok(report.valid);
        assert.deepEqual([...report.sizes.values()].sort(), Object.values(c.properties.sizes).sort());
        assert.equal(report.fullyBalanced, c.properties.fullyBalanced);
        assert.equal(report.kafkaBalanced, c.properties.kafkaBalanced);
        assert.ok(previouslyOwnedKept(c, result) >= c.properties.previouslyOwnedKept);
      });
    }
  });

  it('Java HashMap member order matches javaHashMapMemberOrder of every sticky case', () => {
    for (const c of fixture.cases) {
      if (!c.javaHashMapMemberOrder) continue;
      const ids = c.members.map((m) => m.id);
      assert.deepEqual(
        javaHashMapOrder(ids).map((i) => ids[i]),
        c.javaHashMapMemberOrder,
        c.id,
      );
    }
  });
});
