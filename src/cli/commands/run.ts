/**
 * `kafka-lab run FILE [--until 120s] [--describe-every 10s] [--time-lag] [--json]`: runs a scenario
 * headless and prints the event log (one line per event) and, every so often, each group's
 * describe table, exactly as Kafka 4.x's tool prints it; --time-lag appends the lab's TIME-LAG-MS
 * and RECORDS-LAG columns (JSON rows always carry `timeLagMs` and `recordsLag`).
 * With --json, every line is a JSON object: events as the engine emits them, describe tables as
 * `{"type":"describe", ...}`, and a final `{"type":"summary", ...}`.
 * With --compare-protocols, the scenario runs three times (classic eager, classic
 * cooperative-sticky, KIP-848) and a comparison table is printed instead; --compare-static runs
 * it with dynamic and with static members (KIP-345).
 */
import {
  compareProtocols,
  compareStaticMembership,
  describeOffsets,
  formatProtocolComparison,
  labColumns,
  formatEventJson,
  formatEventLine,
  formatScenarioErrors,
  loadScenario,
  parseDuration,
  Simulation,
  snapshot,
} from '../../sim';
import { CliIo, parseOptions, UsageError } from '../io';
import { MAX_RUN_MS, MAX_RUN_TEXT } from '../../sim';

const DEFAULT_UNTIL_MS = 60_000;

export function runCommand(args: string[], io: CliIo): number {
  const { options, positional } = parseOptions(args, { until: 'value', 'describe-every': 'value', 'time-lag': 'flag', json: 'flag', 'compare-protocols': 'flag', 'compare-static': 'flag' });
  if (positional.length !== 1) throw new UsageError(`expected one scenario file, got ${positional.length === 0 ? 'none' : positional.map((p) => `'${p}'`).join(', ')}`);
  const file = positional[0]!;
  const loaded = loadScenario(io.readFile(file));
  if (!loaded.ok) throw new UsageError(`${file} is not a valid scenario:\n${formatScenarioErrors(loaded.errors)}`);
  const scenario = loaded.scenario;
  const until = durationOption('until', options.get('until')) ?? (scenario.duration !== undefined ? parseDuration(scenario.duration) : DEFAULT_UNTIL_MS);
  const every = durationOption('describe-every', options.get('describe-every'));
  if (every !== undefined && every <= 0) throw new UsageError(`--describe-every: '${String(options.get('describe-every'))}' must be longer than 0`);
  const json = options.get('json') === true;
  const timeLag = options.get('time-lag') === true;
  if (options.get('compare-protocols') === true) {
    const rows = compareProtocols(scenario, until);
    if (json) io.out(JSON.stringify({ type: 'protocol-comparison', scenario: scenario.name, until, rows }) + '\n');
    else io.out(`Scenario: ${scenario.name}: the same run under three rebalance protocols (until ${until / 1000}s)\n\n${formatProtocolComparison(rows)}`);
    return 0;
  }
  if (options.get('compare-static') === true) {
    const rows = compareStaticMembership(scenario, until);
    if (json) io.out(JSON.stringify({ type: 'membership-comparison', scenario: scenario.name, until, rows }) + '\n');
    else io.out(`Scenario: ${scenario.name}: the same run with dynamic and with static members (until ${until / 1000}s)\n\n${formatProtocolComparison(rows)}`);
    return 0;
  }

  const lines: string[] = [];
  const flush = (): void => {
    if (lines.length > 0) io.out(lines.join('\n') + '\n');
    lines.length = 0;
  };
  const sim = new Simulation(scenario, (e) => {
    lines.push(json ? formatEventJson(e) : formatEventLine(e));
    if (lines.length >= 1000) flush();
  });
  if (!json) {
    io.out(`Scenario: ${scenario.name} (seed ${sim.seed}, until ${until / 1000}s)\n`);
  }
  const describeAll = (): void => {
    for (const [groupId, group] of sim.groups) {
      const d = describeOffsets(group, groupId, (t) => sim.topics.get(t), labColumns(sim, groupId, timeLag));
      if (json) {
        lines.push(JSON.stringify({ type: 'describe', t: sim.now, group: groupId, state: group.state, notice: d.notice ?? null, rows: d.rows }));
      } else {
        lines.push(`\n$ kafka-consumer-groups.sh --describe --group ${groupId}   # at ${(sim.now / 1000).toFixed(3)}s`);
        if (d.notice) lines.push(d.notice);
        if (d.text) lines.push(d.text.replace(/^\n/, '').replace(/\n$/, ''));
        lines.push('');
      }
    }
  };
  if (every !== undefined) {
    for (let t = every; t <= until; t += every) {
      sim.runUntil(t);
      describeAll();
    }
  }
  sim.runUntil(until);
  if (every === undefined || until % every !== 0) describeAll();
  const snap = snapshot(sim);
  if (json) {
    lines.push(
      JSON.stringify({
        type: 'summary',
        t: sim.now,
        groups: snap.groups.map((g) => ({ group: g.groupId, state: g.state, generation: g.generation, totalLag: g.totalLag, ...g.delivery })),
        shareGroups: snap.shareGroups.map((g) => ({ group: g.groupId, state: g.state, groupEpoch: g.groupEpoch, ...g.totals })),
      }),
    );
  } else {
    lines.push('Summary:');
    for (const g of snap.groups) {
      lines.push(`  ${g.groupId}: ${g.state}, generation ${g.generation}, total lag ${g.totalLag}, processed ${g.delivery.processed}, processed again ${g.delivery.duplicates}, out of key order ${g.delivery.outOfOrder}`);
    }
    for (const g of snap.shareGroups) {
      const busy = g.members.filter((m) => m.processed > 0).length;
      lines.push(`  ${g.groupId} (share group): ${g.state}, ${busy} of ${g.members.length} consumers busy, accepted ${g.totals.accepted}, processed again ${g.totals.duplicates}, out of key order ${g.totals.outOfOrder}, archived ${g.totals.archivedAtLimit + g.totals.rejected}`);
    }
  }
  flush();
  return 0;
}

function durationOption(name: string, value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  let ms: number;
  try {
    ms = parseDuration(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string));
  } catch (e) {
    throw new UsageError(`--${name}: ${(e as Error).message}`);
  }
  if (ms > MAX_RUN_MS) throw new UsageError(`--${name}: '${String(value)}' is too long: at most ${MAX_RUN_TEXT} (${MAX_RUN_MS} ms) of virtual time`);
  return ms;
}
