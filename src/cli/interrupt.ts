// Ctrl-C and SIGTERM abort one AbortController that every long operation listens to; a second Ctrl-C
// while cleanup runs exits at once (leftovers are then for `stagebisect gc`).
import { EXIT } from './exit-codes.js';

export function abortOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.stderr.write('\nstopped without cleaning up; run `stagebisect gc` to remove what is left\n');
      process.exit(EXIT.interrupted);
    }
    process.stderr.write(`\n${name}: stopping and removing what this run created…\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
