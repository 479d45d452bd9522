/**
 * The ids of every command and view the extension contributes (package.json `contributes`), in one
 * place that commands/, views/ and the rest import, so that neither of those imports the other.
 */
export const COMMANDS = {
  openTutorialScenario: 'kafkaLab.openSampleScenario',
  openSimulator: 'kafkaLab.openSimulator',
  play: 'kafkaLab.play',
  pause: 'kafkaLab.pause',
  step: 'kafkaLab.step',
  reset: 'kafkaLab.reset',
  setSpeed: 'kafkaLab.setSpeed',
  loadScenarioFile: 'kafkaLab.loadScenarioFile',
  runScenarioFile: 'kafkaLab.runScenarioFile',
  saveSessionAsScenario: 'kafkaLab.saveSessionAsScenario',
  exportEventLog: 'kafkaLab.exportEventLog',
  addConsumer: 'kafkaLab.addConsumer',
  stopConsumer: 'kafkaLab.stopConsumer',
  crashConsumer: 'kafkaLab.crashConsumer',
  stallConsumer: 'kafkaLab.stallConsumer',
  restartConsumer: 'kafkaLab.restartConsumer',
  addPartitions: 'kafkaLab.addPartitions',
  setProducerRate: 'kafkaLab.setProducerRate',
  addConsumerGroup: 'kafkaLab.addConsumerGroup',
  changeAssignor: 'kafkaLab.changeAssignor',
  describeGroup: 'kafkaLab.describeGroup',
} as const;

export const SIDEBAR_VIEW_ID = 'kafkaLab.sidebar';
export const VIEW_CONTAINER_ID = 'kafkaLab';
export const PANEL_VIEW_TYPE = 'kafkaLab.simulator';
