/**
 * Loaded by mocha before every unit spec (.mocharc.json "file"): every fast-check property in the
 * suite runs from one fixed seed, so a run never depends on chance. The same inputs come out on
 * every machine and every run; a failure prints its counterexample, which reproduces as it is.
 *
 * To explore other inputs by hand: FC_SEED=<integer> npm run test:unit (never in CI).
 */
import fc from 'fast-check';

export const PROPERTY_SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261202;
if (!Number.isSafeInteger(PROPERTY_SEED)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(process.env.FC_SEED)}`);

fc.configureGlobal({ seed: PROPERTY_SEED });
