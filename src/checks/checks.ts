// Runs a CheckSpec with the Check of its kind.
import type { CheckSpec } from '../model.js';
import type { Check, CheckContext, CheckOutcome } from './check.js';
import { execCheck } from './exec-check.js';
import { exitCheck } from './exit-check.js';
import { httpCheck } from './http-check.js';
import { importCheck } from './import-check.js';
import { logCheck } from './log-check.js';
import { tcpCheck } from './tcp-check.js';

type ChecksByKind = { readonly [K in CheckSpec['kind']]: Check<Extract<CheckSpec, { kind: K }>> };

const CHECKS: ChecksByKind = {
  http: httpCheck,
  log: logCheck,
  exec: execCheck,
  import: importCheck,
  exit: exitCheck,
  tcp: tcpCheck,
};

export function runCheck(spec: CheckSpec, context: CheckContext): Promise<CheckOutcome> {
  const check = CHECKS[spec.kind] as Check<CheckSpec>;
  return check.run(spec, context);
}
