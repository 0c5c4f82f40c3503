// Turns the evidence of a failing cell into one Diagnosis: the first rule that recognises it, or unclassified.
import type { Diagnosis } from '../model.js';
import type { DiagnosisInput, DiagnosisRule } from './diagnosis-input.js';
import { badStartCommandRule } from './rules/bad-start-command.js';
import { missingEnvRule } from './rules/missing-env.js';
import { missingBuiltinRule } from './rules/missing-builtin.js';
import { missingModuleRule } from './rules/missing-module.js';
import { missingSecretRule } from './rules/missing-secret.js';
import { moduleFormatRule } from './rules/module-format.js';
import { nativeAddonRule } from './rules/native-addon.js';
import { oomRule } from './rules/oom.js';
import { packageUnavailableRule } from './rules/package-unavailable.js';
import { portInUseRule } from './rules/port-in-use.js';
import { serviceRefusedRule } from './rules/service-refused.js';
import { serviceUnreachableRule } from './rules/service-unreachable.js';
import { slowCheckRule } from './rules/slow-check.js';
import { syntaxErrorRule } from './rules/syntax-error.js';
import { wrongBindRule } from './rules/wrong-bind.js';
import { diagnoseUnclassified } from './unclassified.js';

/**
 * The rules, most decisive first; the first that matches wins, so the order is part of the behaviour:
 * - oom: a killed process leaves misleading after-effects (a cut-off log, refused connections).
 * - package-unavailable: reads only a failed build, where nothing else has run.
 * - syntax-error: its traceback passes through import machinery and can read like a missing module.
 * - bad-start-command: uvicorn's "Could not import module" and Node's "Cannot find module '/app/x.js'"
 *   name the start command's target, not a package to install.
 * - wrong-bind: needs a live socket in the wrong place and a check that could not connect; an app that
 *   crashed (the classes above) never gets that far, and it outranks warnings the log merely mentions.
 * - missing-module, missing-env: the usual start-up crashes, each with its own exact error line; missing-env
 *   also reads the llm mock's log, where a request without a key is refused.
 * - service-refused: the llm mock refused a request the app then failed on; its log names the reason. It
 *   comes before service-unreachable because an API that answered is not unreachable.
 * - service-unreachable: a refused connection to postgres, redis or an API, in the app's log.
 * - slow-check: only once the app is known to be up, reachable and not failing otherwise.
 * Node's own failures (issue 13), each in its own file, sit beside the rule they would be mistaken for:
 * - native-addon: after package-unavailable (both read a failed build; node-gyp's failure is not npm's
 *   refusal); its load errors name a .node file no other rule reads.
 * - module-format: before syntax-error, which would read "Cannot use import statement" as a typo.
 * - port-in-use: EADDRINUSE is a crash before any socket is read, so it comes before wrong-bind.
 * - missing-builtin: before missing-module; a `node:` module this Node lacks is not a package to add.
 * - missing-secret: after every rule that reads a cause from the log, so a named cause wins over the
 *   mere fact that a declared secret was unset when the app exited.
 */
export const RULES: readonly DiagnosisRule[] = [
  oomRule,
  packageUnavailableRule,
  nativeAddonRule,
  moduleFormatRule,
  syntaxErrorRule,
  badStartCommandRule,
  portInUseRule,
  wrongBindRule,
  missingBuiltinRule,
  missingModuleRule,
  missingEnvRule,
  serviceRefusedRule,
  serviceUnreachableRule,
  missingSecretRule,
  slowCheckRule,
];

/** Says why a cell failed. Pure: reads only `input`, so the same evidence always gives the same answer. */
export function diagnose(input: DiagnosisInput): Diagnosis {
  for (const rule of RULES) {
    const diagnosis = rule(input);
    if (diagnosis) return diagnosis;
  }
  return diagnoseUnclassified(input);
}
