/**
 * The timeline's lag milestones for one group: `lag-threshold-crossed` at powers of ten (100,
 * 1000, ...). Committed-offset lag saw-tooths with every auto-commit, so a level counts as reached
 * only when the lag stayed at or above it for the last LAG_WINDOW samples (one a second), and as
 * left when it stayed below half of it. An observation of the lab's, not something Kafka emits.
 */
import type { SimEventBody } from './events';

/** How many one-second lag samples a threshold crossing must hold for. */
const LAG_WINDOW = 10;

export class LagWatch {
  private above = 0;
  private readonly samples: number[] = [];

  constructor(private readonly groupId: string) {}

  sample(lag: number, emit: (e: SimEventBody) => void): void {
    this.samples.push(lag);
    if (this.samples.length > LAG_WINDOW) this.samples.shift();
    const low = Math.min(...this.samples);
    const high = Math.max(...this.samples);
    let above = this.above;
    while (low >= (above === 0 ? 100 : above * 10)) {
      above = above === 0 ? 100 : above * 10;
      emit({ type: 'lag-threshold-crossed', group: this.groupId, lag, threshold: above, direction: 'above' });
    }
    while (above > 0 && high < above / 2) {
      emit({ type: 'lag-threshold-crossed', group: this.groupId, lag, threshold: above, direction: 'below' });
      above = above === 100 ? 0 : above / 10;
    }
    this.above = above;
  }
}
