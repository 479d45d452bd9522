import { strict as assert } from 'node:assert';
import type { ConsumerSnapshot, GroupPartitionSnapshot, MemberSnapshot, ShareGroupSnapshot, ShareMemberSnapshot, SharePartitionSnapshot, SimEvent, SimSnapshot } from '../../../src/sim';
import { snapshot } from '../../../src/sim/snapshot';
import { partitionColor } from '../../../src/webview/colors';
import { eventCategory } from '../../../src/webview/explanations';
import {
  allBusy,
  comparisonScale,
  consumerCards,
  consumersByGroup,
  consumerState,
  groupBusy,
  groupStateLook,
  heatStrip,
  mostLagging,
  nearestSpeed,
  pageOf,
  partitionColour,
  partitionsByLag,
  selectedGroupId,
  sessionCountdown,
  shareBusy,
  shareCardLook,
  shareConsumerState,
  shareNeighbours,
  sharersByPartition,
  shownGroups,
  silentAfterMs,
  suggestClientId,
  suggestGroupId,
  suggestShareClientId,
  topicModels,
  topicOrder,
  viewModel,
  visibleEvents,
  windowModel,
} from '../../../src/webview/viewModel';
import { run, Run } from './helpers';

const snap = (prefix: string, ms: number): SimSnapshot => snapshot(run(prefix, ms).sim);

const consumer = (over: Partial<ConsumerSnapshot>): ConsumerSnapshot => ({
  clientId: 'c',
  group: 'g',
  standalone: false,
  status: 'running',
  membership: 'stable',
  memberId: 'm',
  generation: 1,
  ratePerSec: 10,
  heartbeatMode: 'background',
  assigned: [],
  idle: false,
  stalledForMs: 0,
  sincePollMs: 0,
  sinceHeartbeatMs: 0,
  ...over,
}) as ConsumerSnapshot;

const shareMember = (over: Partial<ShareMemberSnapshot>): ShareMemberSnapshot => ({
  clientId: 'w',
  memberId: 'm',
  status: 'running',
  inGroup: true,
  stalled: false,
  memberEpoch: 1,
  ratePerSec: 10,
  targetAssignment: [],
  assignment: [],
  acquired: 0,
  processed: 0,
  failed: 0,
  ...over,
});

const member = (over: Partial<MemberSnapshot>): MemberSnapshot => ({ memberId: 'm', clientId: 'c', groupInstanceId: null, host: '127.0.0.1', assignment: [], sinceHeartbeatMs: 0, sessionTimeoutMs: 45_000, sessionExpiresInMs: 45_000, memberEpoch: null, targetAssignment: null, usesConsumerProtocol: false, ...over });

const lagOf = (entries: Array<[number, number | null, string | null]>): Map<number, GroupPartitionSnapshot> =>
  new Map(entries.map(([partition, lag, owner]) => [partition, { topic: 't', partition, committed: lag === null ? -1 : 0, logEndOffset: lag ?? 0, lag, owner, timeLagMs: lag === null ? null : 0, recordsLag: null }]));

/** A snapshot of a scenario with two topics, two consumer groups and a share group. */
function twoTopics(): Run {
  const r = new Run({
    name: 'two topics',
    seed: 3,
    topics: [{ name: 'orders', partitions: 2 }, { name: 'audit', partitions: 3 }],
    producers: [{ id: 'p1', topic: 'orders', ratePerSec: 100, keys: 10 }, { id: 'p2', topic: 'audit', ratePerSec: 100, keys: 10 }],
    groups: [
      { groupId: 'billing', consumers: [{ clientId: 'consumer01', ratePerSec: 10, topics: ['orders'] }, { clientId: 'consumer03', ratePerSec: 10, topics: ['orders', 'audit'] }] },
      { groupId: 'archive', consumers: [{ clientId: 'archiver', ratePerSec: 10, topics: ['audit'] }] },
    ],
    shareGroups: [{ groupId: 'queue', consumers: [{ clientId: 'worker02', ratePerSec: 10, topics: ['orders'] }] }],
  } as never);
  r.sim.runUntil(20_000);
  return r;
}

describe('webview: the view model (what the views show, derived from a snapshot)', () => {
  describe('topics and colours', () => {
    it('orders topics as the snapshot does, and colours a partition by its topic\'s place', () => {
      const s = snapshot(twoTopics().sim);
      const order = topicOrder(s);
      assert.deepEqual([...order], [['orders', 0], ['audit', 1]]);
      assert.equal(partitionColour(order, { topic: 'audit', partition: 2 }), partitionColor(1, 2));
      assert.equal(partitionColour(order, { topic: 'nope', partition: 2 }), partitionColor(0, 2), 'an unknown topic colours like the first');
    });

    it('gives each topic the shown groups that read it, their partitions by number, and its offsets\' scale', () => {
      const s = snapshot(twoTopics().sim);
      const [orders, audit] = topicModels(s, s.groups, 'archive');
      assert.deepEqual(orders!.groups.map((g) => g.groupId), ['billing'], 'archive reads only audit');
      assert.deepEqual(audit!.groups.map((g) => g.groupId), ['billing', 'archive']);
      assert.deepEqual([...audit!.byGroup.get('archive')!.keys()].sort(), [0, 1, 2]);
      assert.equal(audit!.byGroup.get('archive')!.get(1), s.groups[1]!.partitions.find((p) => p.topic === 'audit' && p.partition === 1));
      assert.equal(audit!.heatGroup, 'archive');
      const leos = s.topics[1]!.partitions.map((p) => p.logEndOffset);
      assert.equal(audit!.maxLogEnd, Math.max(...leos));
      assert.equal(audit!.totalLogEnd, leos.reduce((a, b) => a + b, 0));
      assert.deepEqual(topicModels(s, [], null)[0]!.groups, [], 'no shown group, no reader');
    });

    it('summarises a heat strip: lag buckets, unowned partitions, the first highest lag, the most lagging', () => {
      const parts = lagOf([[0, 0, 'a'], [1, 40, null], [2, 100, 'b'], [3, 100, 'b'], [4, null, null]]);
      const strip = heatStrip(6, parts);
      assert.equal(strip.maxLag, 100);
      assert.equal(strip.maxAt, 2, 'the first of equal highest lags');
      assert.equal(strip.unowned, 2);
      assert.deepEqual(strip.cells.map((c) => c.unowned), [false, true, false, false, true, false], 'a partition the group has no view of is not unowned');
      assert.deepEqual(strip.cells.map((c) => c.level), [0, 2, 5, 5, 0, 0]);
      assert.deepEqual(mostLagging(6, parts, 3), [[2, 100], [3, 100], [1, 40]]);
      assert.deepEqual(heatStrip(2, undefined), { cells: [{ level: 0, unowned: false }, { level: 0, unowned: false }], maxLag: 0, maxAt: 0, unowned: 0 });
    });

    it('charts the partitions with the most lag, by topic and number on ties', () => {
      const partitions = [
        { topic: 'b', partition: 0, lag: 5 },
        { topic: 'a', partition: 1, lag: 5 },
        { topic: 'a', partition: 0, lag: null },
        { topic: 'a', partition: 2, lag: 9 },
      ].map((p) => ({ ...p, committed: 0, logEndOffset: 0, owner: null }));
      const g = { partitions } as never;
      assert.deepEqual(partitionsByLag(g, 3).map((p) => `${p.topic}-${p.partition}`), ['a-2', 'a-1', 'b-0']);
    });
  });

  describe('which groups are shown', () => {
    it('keeps the chosen group while it exists, else the first; the sidebar shows it alone', () => {
      const s = snap('08', 45_000);
      assert.equal(selectedGroupId(s, 'consumer-group-02'), 'consumer-group-02');
      assert.equal(selectedGroupId(s, 'gone'), 'consumer-group-01');
      assert.equal(selectedGroupId(s, null), 'consumer-group-01');
      assert.equal(selectedGroupId({ ...s, groups: [] }, 'consumer-group-02'), null);
      assert.deepEqual(shownGroups(s, 'panel', 'consumer-group-02').map((g) => g.groupId), ['consumer-group-01', 'consumer-group-02']);
      assert.deepEqual(shownGroups(s, 'sidebar', 'consumer-group-02').map((g) => g.groupId), ['consumer-group-02']);
      const vm = viewModel(s, 'sidebar', 'consumer-group-02');
      assert.equal(vm.selectedGroup, 'consumer-group-02');
      assert.deepEqual(vm.groups.map((g) => g.group.groupId), ['consumer-group-02']);
      assert.deepEqual(vm.topics[0]!.groups.map((g) => g.groupId), ['consumer-group-02']);
    });

    it('groups the consumers by their group, in the snapshot\'s order', () => {
      const s = snapshot(twoTopics().sim);
      const byGroup = consumersByGroup(s);
      assert.deepEqual([...byGroup.keys()], ['billing', 'archive']);
      assert.deepEqual(byGroup.get('billing')!.map((c) => c.clientId), ['consumer01', 'consumer03']);
    });
  });

  describe('consumers', () => {
    it('decides a consumer\'s state: crashed, stopped, stalled, joining, unjoined, idle, running, in that order', () => {
      assert.equal(consumerState(consumer({ status: 'crashed', stalledForMs: 5, idle: true })), 'crashed');
      assert.equal(consumerState(consumer({ status: 'stopped', membership: 'joining' })), 'stopped');
      assert.equal(consumerState(consumer({ stalledForMs: 1, membership: 'joining' })), 'stalled');
      assert.equal(consumerState(consumer({ membership: 'joining', idle: true })), 'joining');
      assert.equal(consumerState(consumer({ membership: 'unjoined', idle: true })), 'unjoined');
      assert.equal(consumerState(consumer({ idle: true })), 'idle');
      assert.equal(consumerState(consumer({})), 'running');
    });

    it('decides a share consumer\'s state, and looks busy as running, waiting as idle', () => {
      const tp = [{ topic: 't', partition: 0 }];
      assert.equal(shareConsumerState(shareMember({ status: 'crashed', stalled: true })), 'crashed');
      assert.equal(shareConsumerState(shareMember({ status: 'stopped' })), 'stopped');
      assert.equal(shareConsumerState(shareMember({ stalled: true, inGroup: false })), 'stalled');
      assert.equal(shareConsumerState(shareMember({ inGroup: false, assignment: tp })), 'unjoined');
      assert.equal(shareConsumerState(shareMember({ assignment: tp })), 'busy');
      assert.equal(shareConsumerState(shareMember({})), 'waiting');
      assert.deepEqual((['busy', 'waiting', 'stalled', 'crashed'] as const).map(shareCardLook), ['running', 'idle', 'stalled', 'crashed']);
    });

    it('counts who is busy: running members with partitions and not stalled; standalone consumers are not members', () => {
      const tp = [{ topic: 't', partition: 0, position: 0 }];
      const b = groupBusy([consumer({ assigned: tp }), consumer({ assigned: tp, stalledForMs: 10 }), consumer({ idle: true }), consumer({ status: 'crashed', assigned: tp }), consumer({ standalone: true, assigned: tp })]);
      assert.deepEqual(b, { busy: 1, idle: 1, running: 3 });
      assert.equal(allBusy(b), false);
      assert.equal(allBusy({ busy: 0, running: 0 }), false, 'nobody running is not all busy');
      assert.equal(allBusy({ busy: 2, running: 2 }), true);
      const share = { members: [shareMember({ assignment: [tp[0]!] }), shareMember({}), shareMember({ status: 'stopped', assignment: [tp[0]!] })] } as ShareGroupSnapshot;
      assert.deepEqual(shareBusy(share), { busy: 1, running: 2 });
    });

    it('builds each card: the member, the leader, chips sorted by topic and number with their positions', () => {
      const s = snapshot(twoTopics().sim);
      const billing = s.groups[0]!;
      const cards = consumerCards(billing, consumersByGroup(s).get('billing')!, topicOrder(s));
      const leader = billing.members.find((m) => m.memberId === billing.leader)!;
      assert.deepEqual(cards.filter((c) => c.leader).map((c) => c.consumer.clientId), [leader.clientId]);
      for (const card of cards) {
        assert.equal(card.member?.memberId, card.consumer.memberId);
        assert.equal(card.state, 'running');
        assert.equal(card.session, undefined, 'heartbeating: no countdown');
        const names = card.chips.map((c) => c.name);
        assert.deepEqual(names, [...card.consumer.assigned].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)).map((a) => `${a.topic}-${a.partition}`));
        for (const chip of card.chips) {
          assert.equal(chip.position, card.consumer.assigned.find((a) => a.topic === chip.topic && a.partition === chip.partition)!.position);
          assert.equal(chip.multiTopic, true);
        }
      }
      assert.ok(cards.some((c) => new Set(c.chips.map((x) => x.topic)).size > 1), 'consumer03 reads both topics');
    });

    it('counts down a session once heartbeats stop for longer than a heartbeat interval', () => {
      const m = member({ sessionTimeoutMs: 6_000, sinceHeartbeatMs: 2_500, sessionExpiresInMs: 3_500 });
      assert.equal(silentAfterMs(m), 2_500);
      assert.equal(sessionCountdown(m), undefined, 'at the threshold it still heartbeats');
      assert.deepEqual(sessionCountdown({ ...m, sinceHeartbeatMs: 2_501 }), { fraction: 3_500 / 6_000, expiresInMs: 3_500, urgent: false });
      assert.equal(sessionCountdown({ ...m, sinceHeartbeatMs: 5_000, sessionExpiresInMs: 1_000 })!.urgent, true);
      assert.equal(silentAfterMs(member({ sessionTimeoutMs: 45_000 })), 3_500, 'a heartbeat every 3 s at most');
      assert.equal(sessionCountdown(undefined), undefined);
      // A crashed member in scenario 07: its card counts down.
      const s = snap('07', 22_000);
      const g = s.groups[0]!;
      const card = consumerCards(g, consumersByGroup(s).get(g.groupId)!, topicOrder(s)).find((c) => c.consumer.clientId === 'consumer04')!;
      assert.equal(card.state, 'crashed');
      assert.ok(card.session && card.session.expiresInMs > 0 && card.session.fraction < 1, JSON.stringify(card.session));
    });

    it('pages the cards, clamping the page asked for', () => {
      assert.deepEqual(pageOf(25, 12, 0), { page: 0, pages: 3, start: 0, end: 12 });
      assert.deepEqual(pageOf(25, 12, 2), { page: 2, pages: 3, start: 24, end: 25 });
      assert.deepEqual(pageOf(25, 12, 9), { page: 2, pages: 3, start: 24, end: 25 });
      assert.deepEqual(pageOf(25, 12, -1), { page: 0, pages: 3, start: 0, end: 12 });
      assert.deepEqual(pageOf(0, 12, 3), { page: 0, pages: 1, start: 0, end: 0 });
    });

    it('shows a group\'s state: icons, rebalancing, and only the classic rebalance turning', () => {
      assert.deepEqual(groupStateLook('Stable'), { icon: 'pass', rebalancing: false, spinning: false });
      assert.deepEqual(groupStateLook('Empty'), { icon: 'circle-outline', rebalancing: false, spinning: false });
      assert.deepEqual(groupStateLook('Dead'), { icon: 'circle-slash', rebalancing: false, spinning: false });
      assert.deepEqual(groupStateLook('PreparingRebalance'), { icon: 'sync', rebalancing: true, spinning: true });
      assert.deepEqual(groupStateLook('CompletingRebalance'), { icon: 'sync', rebalancing: true, spinning: true });
      assert.deepEqual(groupStateLook('Reconciling'), { icon: 'arrow-swap', rebalancing: true, spinning: false });
      assert.deepEqual(groupStateLook('Assigning'), { icon: 'server-process', rebalancing: true, spinning: false });
    });

    it('says who is busy in a consumer group only when the snapshot has share groups', () => {
      assert.equal(viewModel(snap('05', 25_000), 'panel', null).groups[0]!.busy, undefined);
      assert.deepEqual(viewModel(snap('11', 30_000), 'panel', null).groups[0]!.busy, { busy: 3, idle: 1, running: 4 });
    });
  });

  describe('share groups', () => {
    it('lists the running share consumers fetching from each partition', () => {
      const tp = (partition: number) => ({ topic: 't', partition });
      const g = { members: [shareMember({ clientId: 'a', assignment: [tp(0), tp(1)] }), shareMember({ clientId: 'b', assignment: [tp(1)] }), shareMember({ clientId: 'c', status: 'crashed', assignment: [tp(0)] })] } as ShareGroupSnapshot;
      assert.deepEqual([...sharersByPartition(g)], [['t-0', ['a']], ['t-1', ['a', 'b']]]);
    });

    it('scenario 11: every card\'s chips say how many consumers share the partition', () => {
      const s = snap('11', 30_000);
      const [share] = viewModel(s, 'panel', null).shareGroups;
      assert.deepEqual(share!.busy, { busy: 4, running: 4 });
      for (const card of share!.cards) {
        assert.equal(card.state, 'busy');
        for (const chip of card.chips) {
          const expected = share!.group.members.filter((m) => m.status === 'running' && m.assignment.some((a) => a.topic === chip.topic && a.partition === chip.partition)).map((m) => m.clientId);
          assert.deepEqual(chip.sharers, expected);
          assert.equal(chip.multiTopic, false);
        }
      }
      assert.ok(share!.cards.some((c) => c.chips.some((x) => (x.sharers?.length ?? 0) > 1)));
    });

    it('neighbours a share group with the consumer groups reading one of its topics', () => {
      const s = snapshot(twoTopics().sim);
      const share = s.shareGroups[0]!;
      assert.deepEqual(share.partitions.map((p) => p.topic).filter((x, i, a) => a.indexOf(x) === i), ['orders']);
      const neighbours = shareNeighbours(s, share, consumersByGroup(s));
      assert.deepEqual(neighbours.map((n) => n.group.groupId), ['billing'], 'archive reads only audit');
      assert.deepEqual(neighbours[0]!.busy, groupBusy(consumersByGroup(s).get('billing')!));
      const eleven = snap('11', 30_000);
      assert.deepEqual(shareNeighbours(eleven, eleven.shareGroups[0]!, consumersByGroup(eleven)).map((n) => [n.group.groupId, n.busy]), [['consumer-group-01', { busy: 3, idle: 1, running: 4 }]]);
    });

    it('splits a partition\'s in-flight window by state and counts deliveries by attempt', () => {
      const p = {
        topic: 'audit',
        partition: 2,
        spso: 10,
        speo: 20,
        inFlight: { acquired: 5, available: 3, acknowledged: 2, archived: 0 },
        deliveryCounts: { 2: 4, 1: 6, 3: 0 },
      } as unknown as SharePartitionSnapshot;
      const order = new Map([['orders', 0], ['audit', 1]]);
      const w = windowModel(p, order);
      assert.equal(w.total, 10);
      assert.deepEqual(w.shares, { acquired: 0.5, available: 0.3, acknowledged: 0.2, archived: 0 });
      assert.deepEqual(w.attempts, [[1, 6], [2, 4]]);
      assert.equal(w.redelivered, true);
      assert.equal(w.colour, partitionColor(1, 2));
      assert.equal(w.multiTopic, true);
      const quiet = windowModel({ ...p, inFlight: { acquired: 0, available: 0, acknowledged: 0, archived: 0 }, deliveryCounts: { 1: 3 } } as SharePartitionSnapshot, order);
      assert.deepEqual(quiet.shares, { acquired: 0, available: 0, acknowledged: 0, archived: 0 });
      assert.equal(quiet.redelivered, false);
    });
  });

  describe('suggested ids (the first free one, as the command palette suggests)', () => {
    const ids = (consumers: string[], members: string[], groups: string[] = []): SimSnapshot =>
      ({ consumers: consumers.map((clientId) => ({ clientId })), shareGroups: [{ members: members.map((clientId) => ({ clientId })) }], groups: groups.map((groupId) => ({ groupId })) }) as unknown as SimSnapshot;

    it('suggests the first free consumerNN, not the highest + 1', () => {
      assert.equal(suggestClientId(ids([], [])), 'consumer01');
      assert.equal(suggestClientId(ids(['consumer01', 'consumer03'], [])), 'consumer02');
      assert.equal(suggestClientId(ids(['consumer1', 'consumer02'], [])), 'consumer01', 'consumer1 is not consumer01');
    });

    it('counts share consumers too: one client.id space', () => {
      assert.equal(suggestClientId(ids(['consumer01'], ['consumer02'])), 'consumer03');
      assert.equal(suggestShareClientId(ids(['worker01'], ['worker02', 'worker04'])), 'worker03');
    });

    it('suggests the first free consumer-group-NN', () => {
      assert.equal(suggestGroupId(ids([], [], ['consumer-group-02'])), 'consumer-group-01');
      assert.equal(suggestGroupId(ids([], [], ['consumer-group-01', 'consumer-group-02'])), 'consumer-group-03');
    });
  });

  describe('the timeline, the toolbar, the comparison', () => {
    it('lists the newest events that pass the filter, and counts all that pass', () => {
      const r = run('07', 70_000);
      const events: SimEvent[] = r.events;
      const text = (e: SimEvent): string => `text of ${e.type}`;
      const all = visibleEvents(events, { categories: ['rebalance', 'membership', 'session', 'commit', 'delivery', 'topic'], text: '', limit: 10 }, text);
      assert.equal(all.matching, events.length);
      assert.deepEqual(all.shown, events.slice(-10).reverse());
      const commits = visibleEvents(events, { categories: ['commit'], text: '', limit: 1_000 }, text);
      assert.ok(commits.shown.length > 0 && commits.shown.every((e) => eventCategory(e) === 'commit'));
      assert.equal(commits.matching, events.filter((e) => eventCategory(e) === 'commit').length);
      const byText = visibleEvents(events, { categories: ['rebalance', 'membership', 'session', 'commit', 'delivery', 'topic'], text: '  TEXT OF SESSION-TIMED-OUT ', limit: 1_000 }, text);
      assert.ok(byText.shown.length > 0 && byText.shown.every((e) => e.type === 'session-timed-out'));
    });

    it('picks the speed menu\'s nearest entry', () => {
      assert.equal(nearestSpeed(1), 1);
      assert.equal(nearestSpeed(3), 2);
      assert.equal(nearestSpeed(4), 5);
      assert.equal(nearestSpeed(1_000), 100);
      assert.equal(nearestSpeed(0), 0.25);
    });

    it('scales the comparison: each column\'s largest value, and its best only where the protocols differ', () => {
      const row = (variant: string, processed: number, rounds: number) => ({ variant, label: variant, rounds, maxUnownedMs: 10, totalUnownedMs: 10, processed, duplicates: 0, outOfOrder: 0 });
      const scale = comparisonScale([row('classic-eager', 100, 2), row('kip848', 120, 1)] as never);
      assert.equal(scale.max.processed, 120);
      assert.equal(scale.best.processed, 120, 'more processed is better');
      assert.equal(scale.best.rounds, 1, 'fewer rounds is better');
      assert.equal(scale.best.maxUnownedMs, null, 'no best where they agree');
      assert.equal(scale.max.duplicates, 0);
      assert.equal(comparisonScale([row('kip848', 5, 5)] as never).best.rounds, null, 'one row has no best');
    });
  });
});
