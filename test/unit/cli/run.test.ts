import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { main } from '../../../src/cli/kafka-lab';
import { fakeIo } from './fakeIo';

const BUILTIN = path.resolve(__dirname, '../../../../src/sim/scenarios/builtin');

function runCli(args: string[], files: Record<string, string> = {}): { code: number; out: string; err: string } {
  const io = fakeIo(files, true);
  const code = main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('kafka-lab run', () => {
  it('prints the event log, describe tables and a summary', () => {
    const { code, out, err } = runCli(['run', path.join(BUILTIN, '05-idle-consumer.kafkalab.json'), '--until', '30s', '--describe-every', '15s']);
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.match(out, /^Scenario: 5\. One too many/);
    assert.match(out, /\[ +12\.100s\] consumer-group-01: generation 2 \(range, EAGER\): .*consumer04=\[\]/);
    assert.equal(out.match(/\$ kafka-consumer-groups\.sh --describe --group consumer-group-01 +# at (15|30)\.000s/g)!.length, 2);
    assert.match(out, /Summary:\n {2}consumer-group-01: Stable, generation 2/);
  });

  it('prints the lab columns TIME-LAG-MS and RECORDS-LAG only with --time-lag (JSON rows always carry them)', () => {
    const file = path.join(BUILTIN, '05-idle-consumer.kafkalab.json');
    const plain = runCli(['run', file, '--until', '32s', '--describe-every', '32s']).out;
    assert.doesNotMatch(plain, /TIME-LAG-MS/);
    assert.match(plain, / CLIENT-ID\n/);
    const lab = runCli(['run', file, '--until', '32s', '--describe-every', '32s', '--time-lag']).out;
    assert.match(lab, / CLIENT-ID {7}TIME-LAG-MS {5}RECORDS-LAG\n/);
    assert.match(lab, /consumer01 {6}\d+ +\d+\n/);
    const json = runCli(['run', file, '--until', '32s', '--json']).out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; rows?: Array<{ timeLagMs: number | null; recordsLag: number | null }> });
    const rows = json.find((l) => l.type === 'describe')!.rows!;
    assert.ok(rows.length > 0 && rows.every((r) => typeof r.timeLagMs === 'number' && typeof r.recordsLag === 'number'));
  });

  it('prints JSON lines with --json: events, describe rows and a summary', () => {
    const { code, out } = runCli(['run', path.join(BUILTIN, '01-one-consumer.kafkalab.json'), '--until', '10s', '--json']);
    assert.equal(code, 0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; t: number; seq?: number });
    assert.equal(lines[0]!.type, 'topic-created');
    const events = lines.filter((l) => l.seq !== undefined);
    events.forEach((e, i) => assert.equal(e.seq, i));
    const describe = lines.find((l) => l.type === 'describe') as unknown as { rows: Array<{ clientId: string }> };
    assert.deepEqual(describe.rows.map((r) => r.clientId), ['consumer01', 'consumer01', 'consumer01']);
    assert.equal(lines.at(-1)!.type, 'summary');
  });

  it('is deterministic: the same file gives the same bytes', () => {
    const file = path.join(BUILTIN, '07-session-timeout.kafkalab.json');
    assert.equal(runCli(['run', file, '--json']).out, runCli(['run', file, '--json']).out);
  });

  it('rejects a malformed scenario with exit code 2 and the field, value and expectation', () => {
    const bad = JSON.stringify({ name: 'bad', topics: [{ name: 't', partitions: -3 }] });
    const { code, err, out } = runCli(['run', 'bad.kafkalab.json'], { 'bad.kafkalab.json': bad });
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /\$\.topics\[0\]\.partitions: -3 is not valid/);
  });

  it('reports JSON syntax errors with a line and column', () => {
    const { code, err } = runCli(['run', 'x.json'], { 'x.json': '{\n  "name": "x",\n  "topics": [ }' });
    assert.equal(code, 2);
    assert.match(err, /line 3/);
  });

  it('--compare-protocols prints the same run under classic eager, cooperative and KIP-848', () => {
    const { code, out } = runCli(['run', path.join(BUILTIN, '09-operate.kafkalab.json'), '--compare-protocols']);
    assert.equal(code, 0);
    assert.match(out, /the same run under three rebalance protocols/);
    assert.match(out, /classic, eager \(range\) +1 /);
    assert.match(out, /classic, cooperative-sticky +2 /);
    assert.match(out, /KIP-848 consumer \(uniform\) +1 /);
    const json = JSON.parse(runCli(['run', path.join(BUILTIN, '09-operate.kafkalab.json'), '--compare-protocols', '--json']).out);
    assert.deepEqual(json.rows.map((r: { variant: string }) => r.variant), ['classic-eager', 'classic-cooperative', 'kip848']);
  });

  it('--compare-static prints a rolling restart with dynamic and with static members', () => {
    const { code, out } = runCli(['run', path.join(BUILTIN, '12-rolling-restart.kafkalab.json'), '--compare-static']);
    assert.equal(code, 0);
    assert.match(out, /dynamic members +6 /);
    assert.match(out, /static members \(group\.instance\.id\) +0 /);
  });

  it('rejects bad options', () => {
    assert.equal(runCli(['run']).code, 2);
    const r = runCli(['run', path.join(BUILTIN, '01-one-consumer.kafkalab.json'), '--until', 'soon']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--until/);
    assert.equal(runCli(['run', 'a', '--frobnicate']).code, 2);
    assert.equal(runCli(['nonsense']).code, 2);
  });
});
