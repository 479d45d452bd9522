/** What the parts of the engine share: the clock, the event sink, the PRNG and the topics. */
import type { SimEventBody } from './events';
import type { Random } from './random';
import type { Topic } from './topic';
import type { ResolvedBrokerConfig } from './config';

export interface SimContext {
  readonly now: number;
  readonly rng: Random;
  readonly broker: ResolvedBrokerConfig;
  emit(event: SimEventBody): void;
  topic(name: string): Topic | undefined;
}

export { partitionName } from './naming';
