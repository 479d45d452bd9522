/**
 * The walkthrough's wiring, checked in Node: package.json and the nls files agree with
 * media/walkthrough/steps.json, every step's completion event is met by its own built-in scenario
 * at the time steps.json says (and not before the step's scenario is loaded), and openStep's
 * argument resolves to the right step.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contextKeyValues } from '../../../src/extension/contextKeys/contextKeyValues';
import { SimulationSession, Timer } from '../../../src/extension/session/simulationSession';
import { OPEN_STEP_COMMAND, WALKTHROUGH_ID, WALKTHROUGH_STEPS, resolveWalkthroughStep } from '../../../src/extension/walkthrough/walkthroughSteps';
import { evaluateWhen, onContextExpression, whenKeys } from '../../support/whenClause';
import { builtinScenario } from '../engine/helpers';

const ROOT = path.resolve(__dirname, '../../../..');
const readJson = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const pkg = readJson('package.json');
const nlsEn: Record<string, string> = readJson('package.nls.json');
const nlsKo: Record<string, string> = readJson('package.nls.ko.json');
const stepsJson = readJson('media/walkthrough/steps.json');
const walkthrough = pkg.contributes.walkthroughs.find((w: { id: string }) => w.id === WALKTHROUGH_ID);
const idleTimer: Timer = { now: () => 0, setInterval: () => ({ dispose() {} }) };
const nlsRef = (s: string): string => {
  const m = /^%(.+)%$/.exec(s);
  assert.ok(m, `${s} is not a %key% reference`);
  return m[1]!;
};
/** "21.1s" or "49s (…)" → ms */
const firesAtMs = (s: string): number => Math.round(parseFloat(s) * 1000);

function keysFor(session: SimulationSession, fileName: string) {
  return contextKeyValues(session.snapshot(), {
    running: false,
    builtinScenario: fileName,
    sessionTimeouts: session.eventCount('session-timed-out'),
    rebalances: session.eventCount('rebalance-completed'),
    userActions: session.actions.length,
  });
}

describe('Walkthrough: wiring and completion conditions', () => {
  it('is contributed with 11 steps (9 from the tutorial, 2 beyond it) that match steps.json and the openStep command', () => {
    assert.ok(walkthrough, `walkthrough ${WALKTHROUGH_ID} in package.json`);
    assert.equal(walkthrough.steps.length, 11);
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      WALKTHROUGH_STEPS.map((s) => s.id),
    );
    stepsJson.steps.forEach((s: { id: string; step: number; scenario: string }, i: number) => {
      assert.equal(WALKTHROUGH_STEPS[i]!.id, s.id);
      assert.equal(WALKTHROUGH_STEPS[i]!.step, s.step);
      assert.equal(WALKTHROUGH_STEPS[i]!.scenario, s.scenario);
    });
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === OPEN_STEP_COMMAND));
    assert.ok(pkg.contributes.menus.commandPalette.some((c: { command: string; when: string }) => c.command === OPEN_STEP_COMMAND && c.when === 'false'));
  });

  it('keeps activationEvents as they were', () => {
    assert.deepEqual(pkg.activationEvents, ['onWebviewPanel:kafkaLab.simulator']);
  });

  it('has every title, description and markdown path in English and Korean', () => {
    const refs = [walkthrough.title, walkthrough.description];
    for (const s of walkthrough.steps) refs.push(s.title, s.description, s.media.markdown);
    for (const ref of refs) {
      const key = nlsRef(ref);
      assert.ok(nlsEn[key], `package.nls.json ${key}`);
      assert.ok(nlsKo[key], `package.nls.ko.json ${key}`);
    }
    walkthrough.steps.forEach((s: { media: { markdown: string }; description: string }, i: number) => {
      const en = nlsEn[nlsRef(s.media.markdown)]!;
      const ko = nlsKo[nlsRef(s.media.markdown)]!;
      assert.match(en, /^media\/walkthrough\/en\/\d\d-[a-z-]+\.md$/);
      assert.equal(ko, en.replace('/en/', '/ko/'));
      assert.ok(fs.existsSync(path.join(ROOT, en)) && fs.existsSync(path.join(ROOT, ko)), en);
      // The step's button runs openStep with its own number, in both languages.
      for (const nls of [nlsEn, nlsKo]) assert.ok(nls[nlsRef(s.description)]!.endsWith(`(command:${OPEN_STEP_COMMAND}?%5B${i + 1}%5D)`), `${s.description} button`);
      // The pages' pictures exist and their command links name contributed commands.
      for (const page of [en, ko]) {
        const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
        const images = [...text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
        assert.ok(images.length >= 1, `${page} has a picture`);
        for (const img of images) assert.ok(fs.existsSync(path.join(ROOT, path.dirname(page), img)), `${page}: ${img}`);
        const commands = [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
        for (const c of commands) assert.ok(pkg.contributes.commands.some((x: { command: string }) => x.command === c), `${page}: command ${c} is contributed`);
      }
    });
  });

  it('uses only context keys the extension sets', () => {
    const known = new Set(Object.keys(keysFor(new SimulationSession(builtinScenario('01'), idleTimer), 'x')));
    for (const s of walkthrough.steps) {
      for (const e of s.completionEvents) {
        const expr = onContextExpression(e);
        assert.ok(expr, `${s.id}: ${e} is an onContext event`);
        for (const k of whenKeys(expr)) assert.ok(known.has(k), `${s.id}: ${k} is a context key the extension sets`);
      }
    }
  });

  walkthrough.steps.forEach((step: { id: string; completionEvents: string[] }, i: number) => {
    const meta = stepsJson.steps[i];
    it(`step ${i + 1} (${step.id}): completes at ${meta.completion.firesAt} of its scenario, not before`, () => {
      const expr = onContextExpression(step.completionEvents[0]!)!;
      const fileName = WALKTHROUGH_STEPS[i]!.scenario;
      const session = new SimulationSession(builtinScenario(fileName.slice(0, 2)), idleTimer);
      assert.equal(evaluateWhen(expr, keysFor(session, fileName)), false, 'not at 0 s');
      // Another step's scenario never completes this step.
      const other = WALKTHROUGH_STEPS[(i + 1) % WALKTHROUGH_STEPS.length]!.scenario;
      let firstAt: number | undefined;
      const until = firesAtMs(meta.completion.firesAt) + 5_000;
      while (session.simulation.now < until) {
        session.advance(100);
        const keys = keysFor(session, fileName);
        if (evaluateWhen(expr, { ...keys, 'kafkaLab.scenario': other })) assert.fail(`completes with ${other} loaded`);
        if (evaluateWhen(expr, keys)) {
          firstAt = session.simulation.now;
          break;
        }
      }
      assert.ok(firstAt !== undefined, `${step.id} did not complete by ${until} ms`);
      assert.ok(Math.abs(firstAt - firesAtMs(meta.completion.firesAt)) <= 200, `${step.id} completes at ${firstAt} ms; steps.json says ${meta.completion.firesAt}`);
    });
  });

  it('openStep resolves a step number, a step id, or either wrapped', () => {
    assert.equal(resolveWalkthroughStep(1)?.scenario, '01-one-consumer.kafkalab.json');
    assert.equal(resolveWalkthroughStep(9)?.id, 'operate');
    assert.equal(resolveWalkthroughStep(11)?.id, 'moreConsumersThanPartitions');
    assert.equal(resolveWalkthroughStep('7')?.id, 'sessionTimeout');
    assert.equal(resolveWalkthroughStep('scaleOut')?.step, 4);
    assert.equal(resolveWalkthroughStep(`kafka-lab.kafka-consumer-group-lab#${WALKTHROUGH_ID}#noGroup`)?.step, 3);
    assert.equal(resolveWalkthroughStep([5])?.id, 'idleConsumer');
    assert.equal(resolveWalkthroughStep({ step: 6 })?.id, 'addPartitions');
    for (const bad of [0, 12, 1.5, '', 'nope', null, undefined, [], [1, 2], {}, true]) assert.equal(resolveWalkthroughStep(bad), undefined, String(bad));
  });
});

describe('Context keys for the walkthrough: lag, duplicates, partitions per member', () => {
  const facts = { running: false, builtinScenario: undefined, sessionTimeouts: 0, rebalances: 0, userActions: 0 };
  it('primaryGroupLag is the sum of the describe LAG column of the first group', () => {
    const s = new SimulationSession(builtinScenario('02'), idleTimer);
    s.advance(21_000);
    const snap = s.snapshot();
    const keys = contextKeyValues(snap, facts);
    const lag = snap.groups[0]!.partitions.reduce((n, p) => n + (p.lag ?? 0), 0);
    assert.equal(keys['kafkaLab.primaryGroupLag'], lag);
    assert.ok(lag >= 1000, `lag ${lag}`);
    assert.equal(keys['kafkaLab.primaryGroupLag'], snap.groups[0]!.totalLag);
  });

  it('duplicateCount counts records processed again (standalone consumers included), 0 without', () => {
    const s = new SimulationSession(builtinScenario('03'), idleTimer);
    s.advance(10_000);
    assert.equal(contextKeyValues(s.snapshot(), facts)['kafkaLab.duplicateCount'], 0);
    s.advance(30_000);
    const n = contextKeyValues(s.snapshot(), facts)['kafkaLab.duplicateCount'] as number;
    assert.ok(n > 0, `${n}`);
    assert.equal(n, s.snapshot().groups.reduce((m, g) => m + g.delivery.duplicates, 0));
  });

  it('maxPartitionsPerMember: 3 for a lone consumer, 2 when overloaded, 1 after the scale-out, 0 while rebalancing', () => {
    const one = new SimulationSession(builtinScenario('01'), idleTimer);
    one.advance(2_000);
    assert.equal(contextKeyValues(one.snapshot(), facts)['kafkaLab.maxPartitionsPerMember'], 0, 'before the first rebalance completes');
    one.advance(3_000);
    assert.equal(contextKeyValues(one.snapshot(), facts)['kafkaLab.maxPartitionsPerMember'], 3);
    const op = new SimulationSession(builtinScenario('09'), idleTimer);
    op.advance(29_000);
    assert.equal(contextKeyValues(op.snapshot(), facts)['kafkaLab.maxPartitionsPerMember'], 2);
    op.advance(30_000);
    assert.equal(contextKeyValues(op.snapshot(), facts)['kafkaLab.maxPartitionsPerMember'], 1);
  });

  it('maxPartitionsPerMember ignores a crashed member the coordinator still lists', () => {
    const s = new SimulationSession(builtinScenario('07'), idleTimer);
    s.advance(20_000);
    const snap = s.snapshot();
    assert.ok(snap.groups[0]!.members.some((m) => m.clientId === 'consumer04'), 'consumer04 is still a member');
    assert.ok((contextKeyValues(snap, facts)['kafkaLab.maxPartitionsPerMember'] as number) >= 1);
  });
});
