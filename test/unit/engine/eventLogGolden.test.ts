/**
 * The event logs of the built-in scenarios (and of their protocol and membership variants), byte
 * for byte, against the files in test/fixtures/event-logs/. A change to the engine that changes
 * a log fails here; if the change is meant, regenerate with `UPDATE_EVENT_LOGS=1 npm run
 * test:unit -- --grep "event logs"` and say in CHANGELOG.md which logs changed and why.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatEventJson, parseDuration, scenarioForMembership, scenarioForVariant, Simulation, type Scenario } from '../../../src/sim';
import { BUILTIN_DIR, builtinScenario } from './helpers';

const GOLDEN_DIR = path.resolve(__dirname, '../../../../test/fixtures/event-logs');
/** Every built-in scenario, by its number: a new one gets its golden log with UPDATE_EVENT_LOGS=1. */
const BUILTINS = fs.readdirSync(BUILTIN_DIR).filter((f) => f.endsWith('.kafkalab.json')).map((f) => f.slice(0, 2)).sort();

function cases(): Array<{ name: string; scenario: Scenario }> {
  const list: Array<{ name: string; scenario: Scenario }> = [];
  for (const prefix of BUILTINS) list.push({ name: prefix, scenario: builtinScenario(prefix) });
  for (const prefix of ['04', '10']) {
    list.push({ name: `${prefix}-cooperative`, scenario: scenarioForVariant(builtinScenario(prefix), 'classic-cooperative') });
    list.push({ name: `${prefix}-kip848`, scenario: scenarioForVariant(builtinScenario(prefix), 'kip848') });
  }
  list.push({ name: '12-dynamic', scenario: scenarioForMembership(builtinScenario('12'), 'dynamic') });
  return list;
}

function eventLog(scenario: Scenario): string {
  const lines: string[] = [];
  const sim = new Simulation(scenario, (e) => lines.push(formatEventJson(e)));
  sim.runUntil(parseDuration(scenario.duration ?? '90s'));
  return lines.join('\n') + '\n';
}

describe('Engine: event logs of the built-in scenarios', () => {
  for (const { name, scenario } of cases()) {
    it(`${name}: the same log as test/fixtures/event-logs/${name}.jsonl`, () => {
      const file = path.join(GOLDEN_DIR, `${name}.jsonl`);
      const log = eventLog(scenario);
      if (process.env['UPDATE_EVENT_LOGS'] === '1') fs.writeFileSync(file, log);
      const expected = fs.readFileSync(file, 'utf8');
      if (log !== expected) {
        const a = expected.split('\n');
        const b = log.split('\n');
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        assert.fail(`event log of ${name} differs from line ${i + 1}:\n  expected ${a[i] ?? '(end)'}\n  actual   ${b[i] ?? '(end)'}`);
      }
    });
  }
});
