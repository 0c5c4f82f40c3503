// The evidence a failing cell leaves behind, gathered in one place so that every rule is a pure function.
import type {
  CheckResult,
  Diagnosis,
  ExitInfo,
  FailureStage,
  ListeningSocket,
  ServiceKind,
  StackName,
} from '../model.js';

/** A service as the app saw it: where it is and which env vars pointed there. */
export interface ServiceEndpoint {
  readonly name: string;
  readonly kind: ServiceKind;
  /** Host name on the run's network. */
  readonly host: string;
  readonly port: number;
  /** Env names whose value mentions this service. */
  readonly envVars: readonly string[];
  /** The URL the app was given, with credentials masked. */
  readonly url: string;
}

/** What one layer declared, so a diagnosis can say which layer should declare a missing piece. */
export interface LayerSummary {
  readonly name: string;
  readonly file: string;
  readonly apt: readonly string[];
  readonly pip: readonly string[];
  readonly requirements: readonly string[];
  readonly npm: readonly string[];
  /** The context paths the layer adds; `context` when it adds the whole context. */
  readonly files: 'context' | readonly string[];
  /** The start command this layer sets, when it sets one. */
  readonly start?: string;
}

/** One env entry the phases declare, as the app got it and where it was written. */
export interface EnvEntry {
  readonly name: string;
  /** What the app got; undefined for secrets and random values, which a diagnosis never repeats. */
  readonly value?: string;
  /** True when the app got an empty value. */
  readonly empty: boolean;
  /** As the phase file wrote it, e.g. `${services.redis.port}`. */
  readonly declared: string;
  /** The phase file that set it (the last one, when several did), and that phase's name. */
  readonly file: string;
  readonly phase: string;
}

export interface DiagnosisInput {
  /** Where the cell stopped. */
  readonly stage: FailureStage;
  readonly stack: StackName;
  /** e.g. python@3.13 */
  readonly runtime: string;
  readonly imageMode: 'registry' | 'local';
  /** The phase under test: its layer is the last of `layers`. */
  readonly phase: string;
  readonly layers: readonly LayerSummary[];
  /** The port the app was told to listen on ($PORT). */
  readonly port: number;
  /** The check that failed, when stage is `check`. */
  readonly failedCheck?: CheckResult;
  /** The whole build output, when stage is `build`. Masked. */
  readonly buildOutput: string;
  /** Everything the app container printed. Masked. */
  readonly appLog: string;
  /** Output of the failing check's own process (import, exec, exit checks). Masked. */
  readonly checkOutput: string;
  /** Set when the app container exited during the run. */
  readonly exit?: ExitInfo;
  /** TCP sockets the app listened on when the check failed (from /proc/net/tcp*). */
  readonly listening: readonly ListeningSocket[];
  /** Env names the app was given (values are never part of the evidence). */
  readonly envNames: readonly string[];
  /** Secrets the phases declare that were not set on the host. */
  readonly missingSecrets: readonly string[];
  readonly services: readonly ServiceEndpoint[];
  /** Top-level module and package names in the build context (the app's own code). */
  readonly localModules: readonly string[];
  /** The start command the app ran with (`start:`, run by `sh -c`). */
  readonly start: string;
  /** The start command of the phase before, when there is one: tells a changed `start:` apart. */
  readonly previousStart?: string;
  /** Every env entry the phases declare, in the order they were first set. */
  readonly env: readonly EnvEntry[];
  /** What each service printed, by service name (the llm mock logs every request it refuses). Masked. */
  readonly serviceLogs: Readonly<Record<string, string>>;
}

/** One diagnosis rule: recognises one failure class from the evidence, or says nothing. */
export type DiagnosisRule = (input: DiagnosisInput) => Diagnosis | undefined;
