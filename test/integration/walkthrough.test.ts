/**
 * The guided walkthrough inside VS Code's extension host: it is contributed with every step's
 * media present in the installed extension (English and Korean), and each step's button
 * (kafkaLab.walkthrough.openStep) leads the live session to the state its completion event
 * (`onContext:<expression>`) waits for, checked against the context keys the extension set.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KafkaLabTestHooks } from '../../src/extension/testing/testHooks';
import { OPEN_STEP_COMMAND, WALKTHROUGH_ID, WALKTHROUGH_STEPS } from '../../src/extension/walkthrough/walkthroughSteps';
import { evaluateWhen, onContextExpression } from '../support/whenClause';
import { activeExtension, closeAllEditors, testHooks } from './helpers';

interface StepContribution {
  id: string;
  title: string;
  description: string;
  media: { markdown: string };
  completionEvents: string[];
}

let ext: vscode.Extension<unknown>;
let hooks: KafkaLabTestHooks;

async function readText(relative: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, relative)));
}
async function exists(relative: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, relative));
    return true;
  } catch {
    return false;
  }
}
function steps(): StepContribution[] {
  const w = (ext.packageJSON.contributes.walkthroughs as Array<{ id: string; steps: StepContribution[] }>).find((x) => x.id === WALKTHROUGH_ID);
  assert.ok(w, `walkthrough ${WALKTHROUGH_ID} is contributed`);
  return w.steps;
}
/** The manifest string as VS Code shows it in `language` ('en' or 'ko'). */
async function localized(value: string, language: 'en' | 'ko'): Promise<string | undefined> {
  const m = /^%(.+)%$/.exec(value);
  if (!m) return value; // already localized by the extension host
  const nls = JSON.parse(await readText(language === 'ko' ? 'package.nls.ko.json' : 'package.nls.json')) as Record<string, string>;
  return nls[m[1]!];
}

describe('Walkthrough: contributed, with its media in both languages', () => {
  before(async () => {
    ext = await activeExtension();
    hooks = await testHooks();
  });

  it(`contributes ${WALKTHROUGH_ID} with 11 steps, each with a page, a button and a completion event`, () => {
    const s = steps();
    assert.equal(s.length, WALKTHROUGH_STEPS.length);
    s.forEach((step, i) => {
      assert.equal(step.id, WALKTHROUGH_STEPS[i]!.id);
      assert.equal(step.completionEvents.length, 1);
      assert.ok(onContextExpression(step.completionEvents[0]!), `${step.id}: an onContext: event`);
      assert.ok(step.media.markdown, `${step.id}: markdown media`);
    });
  });

  it('every step page and its picture exist in the installed extension, in English and Korean', async () => {
    // ext.packageJSON is already localized (English here): read the manifest as shipped for the %keys%.
    const raw = JSON.parse(await readText('package.json')) as { contributes: { walkthroughs: Array<{ id: string; steps: StepContribution[] }> } };
    const rawSteps = raw.contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID)!.steps;
    assert.equal(rawSteps.length, WALKTHROUGH_STEPS.length);
    for (const step of rawSteps) {
      assert.match(step.media.markdown, /^%walkthrough\.\w+\.markdown%$/, 'the page path is localized through package.nls');
      for (const language of ['en', 'ko'] as const) {
        const page = await localized(step.media.markdown, language);
        assert.ok(page, `${step.id}: markdown path in ${language}`);
        if (language === 'ko') assert.match(page!, /\/ko\//, `${step.id}: the Korean page is a ko/ file`);
        assert.ok(await exists(page!), `${page} is in the extension`);
        const text = await readText(page!);
        const pictures = [...text.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => m[1]!);
        assert.equal(pictures.length, 1, `${page} shows one picture`);
        const svg = vscode.Uri.joinPath(vscode.Uri.joinPath(ext.extensionUri, page!), '..', pictures[0]!);
        await vscode.workspace.fs.stat(svg); // throws when missing
      }
    }
  });

  it('both languages are complete: every walkthrough string has English and Korean text', async () => {
    const en = JSON.parse(await readText('package.nls.json')) as Record<string, string>;
    const ko = JSON.parse(await readText('package.nls.ko.json')) as Record<string, string>;
    const keys = Object.keys(en).filter((k) => k.startsWith('walkthrough.'));
    assert.ok(keys.length >= 3 + WALKTHROUGH_STEPS.length * 3, `${keys.length} walkthrough keys`);
    for (const k of keys) {
      assert.ok(ko[k], `package.nls.ko.json has ${k}`);
      if (!k.endsWith('.markdown')) assert.match(ko[k]!, /[\uac00-\ud7a3]/, `${k} is Korean`);
    }
    // The manifest in this (English) host shows the English strings.
    const w = (ext.packageJSON.contributes.walkthroughs as Array<{ id: string; title: string }>)[0]!;
    assert.equal(await localized(w.title, 'en'), en['walkthrough.title']);
  });

  it('the pages\' command links name registered commands', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps()) {
      for (const language of ['en'] as const) {
        const page = (await localized(step.media.markdown, language))!;
        for (const m of (await readText(page)).matchAll(/\(command:([\w.]+)/g)) assert.ok(registered.has(m[1]!), `${page}: ${m[1]}`);
      }
      const description = (await localized(step.description, 'en'))!;
      assert.match(description, new RegExp(`\\(command:${OPEN_STEP_COMMAND.replace(/\./g, '\\.')}\\?%5B\\d+%5D\\)$`));
    }
  });
});

describe('Walkthrough: each step\'s button reaches the state its completion event waits for', () => {
  before(async () => {
    ext = await activeExtension();
    hooks = await testHooks();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('kafkaLab.pause');
  });
  after(closeAllEditors);

  for (const step of WALKTHROUGH_STEPS) {
    it(`step ${step.step} (${step.id}): openStep ${step.step} loads ${step.scenario}, plays, and the completion event holds`, async () => {
      const expr = onContextExpression(steps()[step.step - 1]!.completionEvents[0]!)!;
      // Another step's state first: reset to this step must always work.
      await vscode.commands.executeCommand(OPEN_STEP_COMMAND, (step.step % WALKTHROUGH_STEPS.length) + 1);
      hooks.session().advance(60_000);
      const loaded = await vscode.commands.executeCommand<string | undefined>(OPEN_STEP_COMMAND, step.step);
      assert.equal(loaded, step.scenario, hooks.errors().join('\n'));
      const session = hooks.session();
      assert.ok(session.running, 'openStep plays');
      assert.ok(hooks.views().panel, 'openStep opens the simulator panel');
      session.pause();
      assert.ok(session.simulation.now < 1_000, `starts from the scenario's beginning (t=${session.simulation.now})`);
      assert.equal(hooks.contextKeys()['kafkaLab.scenario'], step.scenario);
      assert.equal(evaluateWhen(expr, hooks.contextKeys()), false, 'not complete at the start');
      let t = 0;
      while (!evaluateWhen(expr, hooks.contextKeys())) {
        assert.ok(session.simulation.now < 120_000, `not complete after 120 s of virtual time: ${JSON.stringify(hooks.contextKeys())}`);
        session.advance(500);
        t = session.simulation.now;
      }
      assert.ok(t > 0);
    });
  }

  it('openStep takes a step id too, and refuses what names no step', async () => {
    assert.equal(await vscode.commands.executeCommand(OPEN_STEP_COMMAND, 'sessionTimeout'), '07-session-timeout.kafkalab.json');
    hooks.errors(true);
    assert.equal(await vscode.commands.executeCommand(OPEN_STEP_COMMAND, 12), undefined);
    assert.equal(await vscode.commands.executeCommand(OPEN_STEP_COMMAND), undefined);
    const errors = hooks.errors(true);
    assert.equal(errors.length, 2);
    assert.match(errors[0]!, /12/);
  });

  it('a step done without its button completes too: step 5 after Load Scenario File with its scenario', async () => {
    const expr = onContextExpression(steps()[4]!.completionEvents[0]!)!;
    await vscode.commands.executeCommand('kafkaLab.loadScenarioFile', { builtin: '05-idle-consumer.kafkalab.json' });
    hooks.session().pause();
    hooks.session().advance(15_000);
    assert.equal(evaluateWhen(expr, hooks.contextKeys()), true);
  });
});
