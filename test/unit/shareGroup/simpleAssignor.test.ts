import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { assignHomogeneous, assignShareGroup } from '../../../src/sim/shareGroup/simpleAssignor';

const parts = (n: number): string[] => Array.from({ length: n }, (_, i) => `t-${i}`);

function check(members: string[], partitions: string[], result: string[][]): void {
  const M = members.length;
  const P = partitions.length;
  const sharing = Math.ceil(M / P);
  const sharers = new Map<string, number>();
  for (const ps of result) {
    assert.equal(new Set(ps).size, ps.length, 'no partition twice for one member');
    for (const p of ps) sharers.set(p, (sharers.get(p) ?? 0) + 1);
  }
  for (const p of partitions) {
    const n = sharers.get(p) ?? 0;
    assert.ok(n >= 1, `${p} is assigned`);
    assert.ok(n <= sharing, `${p} shared by ${n} > ${sharing}`);
  }
  const sizes = result.map((ps) => ps.length);
  if (M >= P) assert.ok(sizes.every((s) => s >= 1), `every member gets work: ${sizes}`);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1 || M >= P, `balanced: ${sizes}`);
}

describe('share groups: the simple assignor', () => {
  it('gives 4 members of a 3-partition topic 2, 1, 2, 1 partitions with each partition shared by 2', () => {
    const r = assignHomogeneous(['m0', 'm1', 'm2', 'm3'], parts(3), [[], [], [], []]);
    assert.deepEqual(r, [['t-0', 't-2'], ['t-0'], ['t-1', 't-2'], ['t-1']]);
  });

  it('spreads partitions over members when there are fewer members (2 members, 3 partitions → 2 and 1)', () => {
    assert.deepEqual(assignHomogeneous(['a', 'b'], parts(3), [[], []]), [['t-0', 't-2'], ['t-1']]);
    assert.deepEqual(assignHomogeneous(['a', 'b', 'c'], parts(3), [[], [], []]), [['t-0'], ['t-1'], ['t-2']]);
    assert.deepEqual(assignHomogeneous(['a', 'b', 'c', 'd', 'e', 'f'], parts(3), [[], [], [], [], [], []]).map((p) => p.length), [1, 1, 1, 1, 1, 1]);
  });

  it('is sticky: members joining one by one keep what they had where balance allows', () => {
    let current: string[][] = [];
    const ids: string[] = [];
    const history: string[][][] = [];
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      ids.push(id);
      current = assignHomogeneous(ids, parts(3), [...current, []]);
      history.push(current);
    }
    assert.deepEqual(history[0], [['t-0', 't-1', 't-2']]);
    assert.deepEqual(history[1], [['t-1', 't-2'], ['t-0']]);
    assert.deepEqual(history[2], [['t-2'], ['t-0'], ['t-1']]);
    // The fourth member: everyone keeps their partition, the sharing doubles up.
    assert.deepEqual(history[3], [['t-0', 't-2'], ['t-0'], ['t-1', 't-2'], ['t-1']]);
  });

  it('keeps every partition covered and the sharing balanced for any group (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 10 }), fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 6 }), { maxLength: 12 }), (M, P, cur) => {
        const members = Array.from({ length: M }, (_, i) => `m${i}`);
        const current = members.map((_, i) => [...new Set(cur[i] ?? [])].map((p) => `t-${p}`));
        check(members, parts(P), assignHomogeneous(members, parts(P), current));
      }),
      { numRuns: 200 },
    );
  });

  it('assigns per topic for members with different subscriptions', () => {
    const r = assignShareGroup(
      [
        { memberId: 'a', topics: ['x'], current: [] },
        { memberId: 'b', topics: ['x', 'y'], current: [] },
      ],
      [{ name: 'x', partitions: 2 }, { name: 'y', partitions: 1 }],
    );
    assert.deepEqual(r.get('a'), ['x-0']);
    assert.deepEqual(r.get('b'), ['x-1', 'y-0']);
  });
});
