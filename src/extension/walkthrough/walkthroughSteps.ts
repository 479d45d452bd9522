/**
 * The guided walkthrough's steps (package.json `contributes.walkthroughs`, id
 * `kafkaLab.consumerGroups`): each step is backed by one built-in scenario, which the step's
 * button (`kafkaLab.walkthrough.openStep`) loads. No `vscode` import (unit-tested in Node).
 */
export const WALKTHROUGH_ID = 'kafkaLab.consumerGroups';
export const OPEN_STEP_COMMAND = 'kafkaLab.walkthrough.openStep';

export interface WalkthroughStep {
  /** 1-11, as in the pages. */
  readonly step: number;
  /** The step id in package.json (`<walkthrough>#<id>` in the workbench). */
  readonly id: string;
  /** The built-in scenario file the step loads (dist/scenarios). */
  readonly scenario: string;
}

export const WALKTHROUGH_STEPS: readonly WalkthroughStep[] = [
  { step: 1, id: 'openLab', scenario: '01-one-consumer.kafkalab.json' },
  { step: 2, id: 'lagGrows', scenario: '02-lag-grows.kafkalab.json' },
  { step: 3, id: 'noGroup', scenario: '03-no-group.kafkalab.json' },
  { step: 4, id: 'scaleOut', scenario: '04-scale-out.kafkalab.json' },
  { step: 5, id: 'idleConsumer', scenario: '05-idle-consumer.kafkalab.json' },
  { step: 6, id: 'addPartitions', scenario: '06-add-partitions.kafkalab.json' },
  { step: 7, id: 'sessionTimeout', scenario: '07-session-timeout.kafkalab.json' },
  { step: 8, id: 'manyGroups', scenario: '08-many-groups.kafkalab.json' },
  { step: 9, id: 'operate', scenario: '09-operate.kafkalab.json' },
  // Beyond the tutorial: today's Kafka.
  { step: 10, id: 'noStopTheWorld', scenario: '10-no-stop-the-world.kafkalab.json' },
  { step: 11, id: 'moreConsumersThanPartitions', scenario: '11-share-group.kafkalab.json' },
];

/**
 * The step an `openStep` argument names: a step number (1-11, also as a string like "4"), a step
 * id ("scaleOut"), or either wrapped in an array or `{ step }`. Undefined when it names none.
 */
export function resolveWalkthroughStep(arg: unknown): WalkthroughStep | undefined {
  if (Array.isArray(arg) && arg.length === 1) return resolveWalkthroughStep(arg[0]);
  if (arg && typeof arg === 'object' && 'step' in arg) return resolveWalkthroughStep((arg as { step: unknown }).step);
  if (typeof arg === 'number') return WALKTHROUGH_STEPS.find((s) => s.step === arg);
  if (typeof arg === 'string') {
    const trimmed = arg.trim();
    if (/^\d+$/.test(trimmed)) return WALKTHROUGH_STEPS.find((s) => s.step === Number(trimmed));
    const id = trimmed.includes('#') ? trimmed.slice(trimmed.lastIndexOf('#') + 1) : trimmed;
    return WALKTHROUGH_STEPS.find((s) => s.id === id);
  }
  return undefined;
}
