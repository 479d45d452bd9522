/**
 * The engine's invariants in a busy world (issue 10, item 7): three topics; an eager group, a
 * cooperative group of static members, a KIP-848 group with manual commit and a share group, all
 * at once; random joins, stops, crashes, restarts, stalls, rate changes, partition growth and
 * assignor changes. After every step: no partition owned twice in a group (coordinator's and
 * clients' views), committed offsets within the log and never moving back, share windows
 * consistent, event order strict. And each run replays to the same event log, byte for byte.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkInvariants, eventLog, randomStep, runWorld, WorldStep } from './world';

/** fast-check drives the generator through numbers in [0, 1), unbiased (fast-check favours extremes). */
const unit = fc.noBias(fc.integer({ min: 0, max: 0x7fffffff })).map((n) => n / 0x80000000);
const stepsArb: fc.Arbitrary<WorldStep[]> = fc.array(fc.array(unit, { minLength: 6, maxLength: 6 }), { minLength: 20, maxLength: 60 }).map((rows) =>
  rows.map((row) => {
    let i = 0;
    return randomStep(() => row[i++ % row.length]!);
  }),
);

describe('engine invariants in a world of several groups, protocols and topics (fast-check)', () => {
  it('hold after every step of 120 random runs, and every run replays to the same event log', () => {
    let applied = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), stepsArb, (seed, steps) => {
        const first = runWorld(seed, steps);
        assert.deepEqual(first.violations.slice(0, 5), []);
        const again = runWorld(seed, steps);
        assert.equal(eventLog(again.events), eventLog(first.events), 'the same seed and actions give the same event log');
        applied += first.applied;
        refused += first.refused;
      }),
      { numRuns: 120 },
    );
    // Enough of the generated actions take effect for the runs to mean something.
    assert.ok(applied > 1_000, `${applied} actions applied, ${refused} refused`);
  });
});

describe('the world invariants can fail', () => {
  it('a partition given to two members, or a committed offset past the log end, is reported', () => {
    const { sim } = runWorld(5, [{ action: undefined, waitMs: 30_000 }]);
    const violations: string[] = [];
    checkInvariants(sim, violations);
    assert.deepEqual(violations, []);
    const g = sim.groups.get('g-eager')!;
    const [a, b] = [...g.members.values()];
    assert.ok(a && b, 'two members');
    (b as { assignment: unknown }).assignment = [...b.assignment, a.assignment[0]!];
    g.offsets.commit('audit', 0, 1e9);
    checkInvariants(sim, violations);
    assert.ok(violations.some((v) => /g-eager: .* assigned to e\d and e\d/.test(v)), violations.join('\n'));
    assert.ok(violations.some((v) => /g-eager: committed 1000000000 outside audit-0/.test(v)), violations.join('\n'));
  });
});
