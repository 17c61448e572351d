/** Entry of the browser tests (scripts/e2e.mjs loads it through tsx): registers the specs and runs them. */
import './reading-room.spec.ts';
import './measurements.spec.ts';
import './ai.spec.ts';
export { runTests } from './harness.ts';
