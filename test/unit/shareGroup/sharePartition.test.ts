import { strict as assert } from 'node:assert';
import { SharePartition, type ShareTransition } from '../../../src/sim/shareGroup/sharePartition';

const LOCK = 30_000;

function sp(start = 0, trace?: (t: ShareTransition) => void): SharePartition {
  return new SharePartition('t-0', 't', 0, start, trace);
}

describe('share groups: SharePartition state machine', () => {
  it('acquires new records with delivery count 1 and a lock, and moves the SPSO past accepted records', () => {
    const p = sp(10);
    assert.deepEqual(p.acquire('a', 5, 0, LOCK, 100, 2000), [{ from: 10, to: 15, deliveryCount: 1 }]);
    assert.equal(p.speo, 15);
    assert.equal(p.spso, 10);
    const s = p.stateAt(12);
    assert.ok(typeof s !== 'string' && s.state === 'ACQUIRED' && s.member === 'a' && s.deadline === LOCK);
    const r = p.acknowledge('a', 10, 15, 'accept', 5);
    assert.equal(r.accepted, 5);
    assert.equal(p.spso, 15);
    assert.equal(p.intervals.length, 0);
  });

  it('keeps the SPSO at the first record not yet acknowledged, whatever is acknowledged after it', () => {
    const p = sp();
    p.acquire('a', 5, 0, LOCK, 100, 2000);
    p.acquire('b', 5, 0, LOCK, 100, 2000);
    p.acknowledge('b', 5, 10, 'accept', 5);
    assert.equal(p.spso, 0, 'records 0-4 are still acquired by a');
    p.acknowledge('a', 0, 5, 'accept', 5);
    assert.equal(p.spso, 10);
  });

  it('makes records available again when the lock expires, delivery count kept; the next delivery counts 2', () => {
    const p = sp();
    p.acquire('a', 4, 0, LOCK, 100, 2000);
    assert.equal(p.expireLocks(LOCK - 1, 5).size, 0);
    const expired = p.expireLocks(LOCK, 5);
    assert.deepEqual([...expired], [['a', { count: 4, available: 4, archived: 0 }]]);
    const s = p.stateAt(0);
    assert.ok(typeof s !== 'string' && s.state === 'AVAILABLE' && s.deliveryCount === 1);
    assert.deepEqual(p.acquire('b', 10, LOCK, LOCK, 4, 2000), [{ from: 0, to: 4, deliveryCount: 2 }]);
    // The late acknowledgement of the first holder fails: the records belong to b now.
    assert.equal(p.acknowledge('a', 0, 4, 'accept', 5).failed, 4);
    assert.equal(p.acknowledge('b', 0, 4, 'accept', 5).accepted, 4);
  });

  it('archives instead of making available once the delivery count reaches the limit', () => {
    const p = sp();
    const limit = 3;
    for (let d = 1; d <= limit; d++) {
      assert.deepEqual(p.acquire('a', 1, 0, LOCK, 1, 2000), [{ from: 0, to: 1, deliveryCount: d }]);
      const r = p.acknowledge('a', 0, 1, 'release', limit);
      assert.equal(r.released, 1);
      assert.equal(r.archivedAtLimit, d === limit ? 1 : 0);
    }
    assert.equal(p.spso, 1, 'the archived record no longer holds the SPSO back');
    assert.deepEqual(p.acquire('a', 1, 0, LOCK, 1, 2000), []);
  });

  it('archives rejected records at once and releases a member’s records on request', () => {
    const p = sp();
    p.acquire('a', 6, 0, LOCK, 6, 2000);
    assert.equal(p.acknowledge('a', 0, 2, 'reject', 5).rejected, 2);
    assert.equal(p.spso, 2);
    assert.deepEqual(p.releaseMember('a', 5), { count: 4, available: 4, archived: 0 });
    assert.deepEqual(p.acquire('b', 10, 0, LOCK, 6, 2000), [{ from: 2, to: 6, deliveryCount: 2 }]);
  });

  it('refuses acknowledgements from another member or for records not in flight', () => {
    const p = sp(5);
    p.acquire('a', 5, 0, LOCK, 20, 2000);
    assert.equal(p.acknowledge('b', 5, 10, 'accept', 5).failed, 5);
    assert.equal(p.acknowledge('a', 0, 5, 'accept', 5).failed, 5, 'below the SPSO');
    assert.equal(p.acknowledge('a', 10, 12, 'accept', 5).failed, 2, 'past the SPEO');
    assert.equal(p.acknowledge('a', 5, 10, 'accept', 5).accepted, 5);
  });

  it('stops acquiring new records at group.share.partition.max.record.locks but re-acquires available ones inside the window', () => {
    const p = sp();
    assert.equal(p.acquire('a', 100, 0, LOCK, 1000, 30)[0]!.to, 30);
    assert.equal(p.inFlight, 30);
    assert.ok(p.atCap(1000, 30));
    assert.deepEqual(p.acquire('b', 100, 0, LOCK, 1000, 30), []);
    p.acknowledge('a', 10, 20, 'release', 5);
    assert.deepEqual(p.acquire('b', 100, 0, LOCK, 1000, 30), [{ from: 10, to: 20, deliveryCount: 2 }]);
    p.acknowledge('a', 0, 10, 'accept', 5);
    assert.equal(p.spso, 10);
    assert.deepEqual(p.acquire('c', 100, 0, LOCK, 1000, 30), [{ from: 30, to: 40, deliveryCount: 1 }]);
    assert.equal(p.inFlight, 30);
  });

  it('keeps one interval per run of equal state, however many records', () => {
    const p = sp();
    for (let i = 0; i < 100; i++) p.acquire('a', 1000, 0, LOCK, (i + 1) * 1000, 1_000_000);
    assert.equal(p.intervals.length, 1, 'same member, same lock deadline, same count: one run');
    p.acknowledge('a', 500, 600, 'accept', 5);
    assert.equal(p.intervals.length, 3);
    p.acknowledge('a', 0, 500, 'accept', 5);
    assert.equal(p.intervals.length, 1);
    assert.equal(p.spso, 600);
  });

  it('traces every transition', () => {
    const seen: string[] = [];
    const p = sp(0, (t) => seen.push(`${t.kind}:${t.from}-${t.to}:${t.toState}:${t.deliveryCount}`));
    p.acquire('a', 3, 0, LOCK, 3, 2000);
    p.acknowledge('a', 0, 1, 'accept', 5);
    p.acknowledge('a', 1, 2, 'reject', 5);
    p.expireLocks(LOCK, 5);
    assert.deepEqual(seen, ['acquire:0-3:ACQUIRED:1', 'accept:0-1:ACKNOWLEDGED:1', 'reject:1-2:ARCHIVED:1', 'timeout:2-3:AVAILABLE:1']);
  });
});
