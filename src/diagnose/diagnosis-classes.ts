// The stable names of the failure classes, as they appear in JSON reports, each with what it means.
import type { DiagnosisClass } from '../model.js';

/** Every class, in the order `diagnose` tries them, with one line a report or the docs can show. */
export const DIAGNOSIS_CLASSES: Readonly<Record<DiagnosisClass, string>> = {
  oom: 'The app was killed for using more memory than the container (like the host) allows.',
  'package-unavailable':
    'A package or built-in module the phase needs is not available on this runtime: the install refused it, its `engines` exclude the runtime, or this Node lacks it.',
  'native-addon':
    "A native addon (a compiled .node file) has no binding built for the image's Node, or could not be built there.",
  'syntax-error': "Python or Node could not parse one of the app's files.",
  'bad-start-command': 'The start command names an executable, file, module or attribute that is not there.',
  'wrong-bind':
    'The app listens on 127.0.0.1 or on another port, where the check cannot reach it, or cannot listen on its port at all (EADDRINUSE).',
  'missing-module': 'The code imports a module that the image of this phase does not have.',
  'missing-env':
    'The app needs an environment variable that the phase, or the host for a secret, does not set.',
  'service-refused':
    'The app reached the llm mock, which refused its request (a key, URL, model or body the API would refuse).',
  'service-unreachable': 'The app could not connect to a database, cache or API it depends on.',
  'slow-check': 'The app was up and reachable but answered too slowly, or not at all.',
  unclassified:
    'No rule recognised the failure; the diagnosis quotes the most telling line and claims nothing.',
};
