// At most N CLI runs at a time: tests may be declared concurrent, but two cores build and run only so much
// at once before timing checks (within_ms) start to measure the machine instead of the app.
export { limitConcurrency, type Limited } from '../../src/engine/concurrency-limit.js';
