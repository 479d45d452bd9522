import { strict as assert } from 'node:assert';
import {
  ArgumentChecker,
  Localizer,
  addConsumerArgs,
  addGroupArgs,
  addPartitionsArgs,
  changeAssignorArgs,
  consumerArgs,
  describeGroupArgs,
  parseNumberInput,
  setProducerRateArgs,
  stallConsumerArgs,
  everyConsumer,
} from '../../../src/extension/commands/arguments';
import { Simulation } from '../../../src/sim/simulation';
import { snapshot } from '../../../src/sim/snapshot';
import { builtinScenario } from '../engine/helpers';

/** vscode.l10n.t's formatting, in English. */
const l10n: Localizer = { t: (m, ...args) => m.replace(/\{(\d+)\}/g, (s, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : s)) };

function checkerAt(prefix: string, ms = 30_000, setup?: (sim: Simulation) => void): ArgumentChecker {
  const sim = new Simulation(builtinScenario(prefix));
  sim.runUntil(ms);
  setup?.(sim);
  return new ArgumentChecker(snapshot(sim), l10n);
}

function failure(r: { ok: boolean; message?: string }): string {
  assert.equal(r.ok, false, 'expected the arguments to be refused');
  return r.message!;
}

describe('Command arguments: checked against the live simulation', () => {
  it('add consumer: accepts a new client id in an existing group, refuses duplicates, unknown groups and bad rates', () => {
    const c = checkerAt('05');
    assert.deepEqual(addConsumerArgs(c, { group: 'consumer-group-01', clientId: 'consumer09', ratePerSec: 40 }), {
      ok: true,
      value: { action: 'add-consumer', group: 'consumer-group-01', consumer: { clientId: 'consumer09', ratePerSec: 40 } },
    });
    assert.match(failure(addConsumerArgs(c, { group: 'consumer-group-01', clientId: 'consumer01', ratePerSec: 40 })), /^clientId: "consumer01" is not valid: another consumer already uses/);
    assert.match(failure(addConsumerArgs(c, { group: 'nope', clientId: 'c9', ratePerSec: 40 })), /^group: "nope" is not valid: expected one of the groups: consumer-group-01/);
    assert.match(failure(addConsumerArgs(c, { group: 'consumer-group-01', clientId: 'c9', ratePerSec: -1 })), /^ratePerSec: -1 is not valid: expected a number of records per second from 0 to 1000000/);
    assert.match(failure(addConsumerArgs(c, { group: 'consumer-group-01', clientId: 'has space', ratePerSec: 1 })), /^clientId: "has space" is not valid/);
    assert.match(failure(addConsumerArgs(c, { group: 'consumer-group-01', clientId: 'c9', ratePerSec: 1, extra: 1 })), /unexpected field\(s\) extra/);
    assert.match(failure(addConsumerArgs(c, 'consumer09')), /^arguments: "consumer09" is not valid: expected an object with group, clientId, ratePerSec/);
  });

  it('stop / crash / stall list only running consumers; restart only stopped or crashed ones', () => {
    const c = checkerAt('07', 60_000); // consumer04 crashed at 10 s
    assert.deepEqual(consumerArgs('crash-consumer')(c, { consumer: 'consumer01' }), { ok: true, value: { action: 'crash-consumer', consumer: 'consumer01' } });
    assert.match(failure(consumerArgs('stop-consumer')(c, { consumer: 'consumer04' })), /^consumer: "consumer04" is not valid: the consumer is crashed; expected a running consumer: consumer01/);
    assert.deepEqual(consumerArgs('restart-consumer')(c, { consumer: 'consumer04' }), { ok: true, value: { action: 'restart-consumer', consumer: 'consumer04' } });
    assert.match(failure(consumerArgs('restart-consumer')(c, { consumer: 'consumer01' })), /expected a stopped\/crashed consumer: consumer04/);
    assert.match(failure(consumerArgs('crash-consumer')(c, { consumer: 'ghost' })), /^consumer: "ghost" is not valid/);
    assert.deepEqual(stallConsumerArgs(c, { consumer: 'consumer01', duration: '30s' }), { ok: true, value: { action: 'stall-consumer', consumer: 'consumer01', duration: 30_000 } });
    assert.deepEqual(stallConsumerArgs(c, { consumer: 'consumer01', duration: 500 }), { ok: true, value: { action: 'stall-consumer', consumer: 'consumer01', duration: 500 } });
    assert.match(failure(stallConsumerArgs(c, { consumer: 'consumer01', duration: '0s' })), /^duration: "0s" is not valid: expected a duration longer than 0/);
    assert.match(failure(stallConsumerArgs(c, { consumer: 'consumer01', duration: 'soon' })), /^duration: "soon"/);
  });

  it('add partitions: an integer above the current count and at most 10,000', () => {
    const c = checkerAt('01');
    assert.deepEqual(addPartitionsArgs(c, { topic: 'peter-01', partitions: 4 }), { ok: true, value: { action: 'add-partitions', topic: 'peter-01', partitions: 4 } });
    const expect = /^partitions: (\S+) is not valid: expected the new total, an integer from 4 to 10000: topic 'peter-01' has 3 partitions and partitions only grow$/;
    for (const bad of [3, 2, 4.5, 10_001, '4', null]) assert.match(failure(addPartitionsArgs(c, { topic: 'peter-01', partitions: bad })), expect, String(bad));
    assert.match(failure(addPartitionsArgs(c, { topic: 'peter-02', partitions: 4 })), /^topic: "peter-02" is not valid: expected one of the topics: peter-01$/);
    assert.match(failure(addPartitionsArgs(c, { topic: 'peter-01' })), /^partitions: undefined is not valid/);
  });

  it('producer rate, new group, assignor, describe', () => {
    const c = checkerAt('08');
    assert.deepEqual(setProducerRateArgs(c, { producer: 'producer-1', ratePerSec: 0 }), { ok: true, value: { action: 'set-producer-rate', producer: 'producer-1', ratePerSec: 0 } });
    assert.match(failure(setProducerRateArgs(c, { producer: 'p9', ratePerSec: 1 })), /^producer: "p9" is not valid: expected one of the producers: producer-1/);
    const group = addGroupArgs(c, { groupId: 'consumer-group-03', consumers: 2 });
    assert.ok(group.ok);
    assert.deepEqual(group.value, {
      action: 'add-group',
      group: { groupId: 'consumer-group-03', consumers: [{ clientId: 'consumer04', ratePerSec: 50 }, { clientId: 'consumer05', ratePerSec: 50 }] },
    });
    assert.match(failure(addGroupArgs(c, { groupId: 'consumer-group-01' })), /^groupId: "consumer-group-01" is not valid: a group with this id already exists/);
    assert.match(failure(addGroupArgs(c, { groupId: 'g', consumers: 51 })), /^consumers: 51 is not valid: expected a whole number from 0 to 50/);
    assert.deepEqual(changeAssignorArgs(c, { group: 'consumer-group-01', assignor: 'cooperative-sticky' }), {
      ok: true,
      value: { action: 'set-assignor', group: 'consumer-group-01', assignor: 'cooperative-sticky' },
    });
    assert.ok(changeAssignorArgs(c, { group: 'consumer-group-01', assignor: ['sticky', 'range'] }).ok);
    assert.match(failure(changeAssignorArgs(c, { group: 'consumer-group-01', assignor: 'fair' })), /^assignor: "fair" is not valid: expected one of range, roundrobin, sticky, cooperative-sticky/);
    assert.match(failure(changeAssignorArgs(c, { group: 'consumer-group-01', assignor: ['range', 'range'] })), /^assignor:/);
    assert.deepEqual(describeGroupArgs(c, { group: 'consumer-group-02' }), { ok: true, value: 'consumer-group-02' });
    assert.match(failure(describeGroupArgs(c, {})), /^group: undefined is not valid/);
  });

  it('suggests free ids and reads numbers the way users type them', () => {
    const c = checkerAt('05');
    assert.equal(c.suggestClientId(), 'consumer05');
    assert.equal(c.suggestGroupId(), 'consumer-group-02');
    assert.equal(c.suggestRate('consumer-group-01'), 50);
    // Share consumers count too: the palette and the panels suggest the same first free id.
    const withShare = checkerAt('05', 30_000, (sim) => {
      sim.apply({ action: 'add-share-group', group: { groupId: 'sg', consumers: [{ clientId: 'consumer05', ratePerSec: 10 }] } });
    });
    assert.equal(withShare.suggestClientId(), 'consumer06');
    const group = addGroupArgs(withShare, { groupId: 'g2', consumers: 2 });
    assert.ok(group.ok && group.value.action === 'add-group');
    assert.deepEqual(group.value.group.consumers?.map((x) => x.clientId), ['consumer06', 'consumer07']);
    assert.equal(parseNumberInput(' 42 '), 42);
    assert.equal(parseNumberInput('2.5'), 2.5);
    assert.equal(parseNumberInput('1,000'), 1000);
    assert.ok(Number.isNaN(parseNumberInput('')));
    assert.ok(Number.isNaN(parseNumberInput('4 partitions')));
    assert.ok(Number.isNaN(parseNumberInput('0x10')));
  });
});

describe('Command arguments: share consumers count as consumers', () => {
  it('lists and checks share consumers by client.id, next to consumer-group ones', () => {
    const sim = new Simulation(builtinScenario('11'));
    sim.runUntil(10_000);
    const all = everyConsumer(snapshot(sim));
    assert.deepEqual(all.filter((c) => c.kind === 'share').map((c) => c.clientId), ['worker01', 'worker02', 'worker03', 'worker04']);
    assert.ok(all.filter((c) => c.kind === 'share').every((c) => c.group === 'share-group-01' && c.reads.length > 0));
    const check = new ArgumentChecker(snapshot(sim), l10n);
    assert.deepEqual(check.consumer('consumer', 'worker02', ['running']), { ok: true, value: 'worker02' });
    assert.equal(check.newClientId('clientId', 'worker02').ok, false);
    sim.apply({ action: 'crash-consumer', consumer: 'worker02' });
    const after = new ArgumentChecker(snapshot(sim), l10n);
    assert.equal(after.consumer('consumer', 'worker02', ['running']).ok, false);
    assert.deepEqual(after.consumer('consumer', 'worker02', ['stopped', 'crashed']), { ok: true, value: 'worker02' });
  });
});
