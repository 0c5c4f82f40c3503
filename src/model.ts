// The plain data that flows config -> plan -> cells -> verdicts -> reports. No behaviour lives here.

export type StackName = 'python' | 'node';
export const STACK_NAMES: readonly StackName[] = ['python', 'node'];

/** `registry` pulls python:X-slim and friends; `local` builds every image from Debian without a registry. */
export type ImageMode = 'registry' | 'local';
export const IMAGE_MODES: readonly ImageMode[] = ['registry', 'local'];

/**
 * Which files of the context a build may use: `git` (in a git work tree, the files git tracks, as a host
 * building from the pushed commit sees them) or `directory` (every file, less `.dockerignore`).
 */
export type ContextFiles = 'git' | 'directory';
export const CONTEXT_FILES: readonly ContextFiles[] = ['git', 'directory'];

/** A language runtime at a version, written `python@3.11` or `node@22`. */
export interface Runtime {
  readonly language: StackName;
  readonly version: string;
}

/** Where a value came from in the user's files, for messages that point at it. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type ServiceKind = 'postgres' | 'redis' | 'llm' | 'custom';
export const BUILTIN_SERVICES: readonly ServiceKind[] = ['postgres', 'redis', 'llm'];

/** How a custom service says it is ready. Built-in services know their own readiness. */
export type Readiness =
  | { readonly kind: 'tcp'; readonly port: number }
  | { readonly kind: 'http'; readonly path: string; readonly port: number }
  | { readonly kind: 'exec'; readonly command: string }
  | { readonly kind: 'log'; readonly text: string };

export interface ServiceSpec {
  /** Host name on the run's network, and the NAME in `${services.NAME.url}`. */
  readonly name: string;
  readonly kind: ServiceKind;
  /** Custom services only; built-in services resolve their image from the image mode. */
  readonly image?: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  readonly ready?: Readiness;
  /**
   * llm only: accept nothing but the run's own key (`${services.llm.api_key}`). By default the mock
   * accepts any non-empty key, which proves the app sends one.
   */
  readonly strictKey?: boolean;
  /** Name of the phase that introduced the service. */
  readonly phase: string;
  readonly position: SourcePosition;
}

export type CheckKind = 'http' | 'log' | 'exec' | 'import' | 'exit' | 'tcp';
export const CHECK_KINDS: readonly CheckKind[] = ['http', 'log', 'exec', 'import', 'exit', 'tcp'];

interface CheckBase {
  /** The phase whose file declared this check. */
  readonly phase: string;
  readonly position: SourcePosition;
  /** How long the check may wait in all, in milliseconds. */
  readonly timeoutMs: number;
  /** One line a person reads in a report, e.g. `http GET /health`. */
  readonly label: string;
}

export interface HttpCheckSpec extends CheckBase {
  readonly kind: 'http';
  readonly method: string;
  readonly path: string;
  readonly port: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly expect: {
    readonly status: number;
    readonly body?: string;
    /** The answering request must take at most this long. */
    readonly withinMs?: number;
  };
}

export interface LogCheckSpec extends CheckBase {
  readonly kind: 'log';
  readonly expect?: string;
  readonly forbid?: string;
}

export interface ExecCheckSpec extends CheckBase {
  readonly kind: 'exec';
  readonly command: string;
  readonly expect: { readonly exit: number; readonly output?: string };
}

export interface ImportCheckSpec extends CheckBase {
  readonly kind: 'import';
  readonly module: string;
}

export interface ExitCheckSpec extends CheckBase {
  readonly kind: 'exit';
  readonly command: string;
  readonly code: number;
}

export interface TcpCheckSpec extends CheckBase {
  readonly kind: 'tcp';
  readonly port: number;
}

export type CheckSpec =
  HttpCheckSpec | LogCheckSpec | ExecCheckSpec | ImportCheckSpec | ExitCheckSpec | TcpCheckSpec;

/** A path list, or the whole build context. */
export type FileSelection = 'context' | readonly string[];

/** What one phase file declares: its own additions, before accumulation. */
export interface Layer {
  readonly index: number;
  readonly name: string;
  readonly description: string;
  readonly file: string;
  readonly apt: readonly string[];
  readonly pip: readonly string[];
  readonly requirements: readonly string[];
  readonly npm: Readonly<Record<string, string>>;
  readonly files: FileSelection;
  readonly start?: string;
  /** A build step run in the image after the dependencies are installed (e.g. `npm run build`). */
  readonly build?: string;
  /** A release command run once in the app's image before it starts (e.g. migrations). */
  readonly release?: string;
  readonly services: readonly ServiceSpec[];
  readonly env: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly checks: readonly CheckSpec[];
}

/** A layer together with everything the layers before it declared: what an image for it contains. */
export interface Phase {
  readonly index: number;
  readonly name: string;
  readonly description: string;
  /** The layers 1..index, in order. */
  readonly layers: readonly Layer[];
  readonly start: string;
  /** The last `build:` of layers 1..index, if any declares one. */
  readonly build?: string;
  /** The last `release:` of layers 1..index, if any declares one. */
  readonly release?: string;
  readonly files: FileSelection;
  readonly services: readonly ServiceSpec[];
  readonly env: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly checks: readonly CheckSpec[];
}

/**
 * What every cell of a project shares, whatever its phase and runtime: how its images are made and how
 * its app is reached. Plain data, so a cell built from it is a value.
 */
export interface Project {
  readonly name: string;
  readonly stack: StackName;
  readonly contextDir: string;
  readonly port: number;
  readonly images: ImageMode;
  /** Registry host (and path) put before every image name in registry mode, for mirrors. */
  readonly registry?: string;
  /** Memory limit of the app container in bytes, as a host would impose. */
  readonly memoryBytes?: number;
  /** The start command of stagebisect.yaml, in effect until a layer declares its own. */
  readonly start: string;
  /** `git`: in a git work tree, the build context is the files git tracks (what a host builds from). */
  readonly contextFiles: ContextFiles;
}

/** A validated project: the pure input of every command. Its phases hold for every runtime. */
export interface Plan extends Project {
  readonly configFile: string;
  /** The runtime a command uses when none is named (`runtime:` in stagebisect.yaml). */
  readonly defaultRuntime: Runtime;
  /** Where `stagebisect matrix NAME` looks for NAME.yaml (absolute); a project without matrices is fine. */
  readonly matricesDir: string;
  readonly phases: readonly Phase[];
}

export type MatrixMode = 'bisect' | 'full';
export const MATRIX_MODES: readonly MatrixMode[] = ['bisect', 'full'];

/** A runtime as a matrix file names it: a language and a version or semver range, e.g. `python@>=3.11`. */
export interface MatrixRuntime {
  readonly language: StackName;
  /** The version text after `@`, as written. */
  readonly spec: string;
  /** The semver range it means (`3.13` -> `>=3.13.0 <3.14.0-0`). */
  readonly range: string;
  /** The whole text, e.g. `python@3.11`. */
  readonly text: string;
  readonly position: SourcePosition;
}

/**
 * A matrix file, validated but not resolved: ranges are not yet matched to the versions an image mode
 * serves. Every value keeps its position so that resolution errors can point at it.
 */
export interface MatrixSpec {
  readonly name: string;
  /** The file as shown to the user. */
  readonly file: string;
  readonly position: SourcePosition;
  readonly runtimes: readonly {
    readonly language: StackName;
    readonly position: SourcePosition;
    readonly specs: readonly {
      /** As written: `3.13`, `^20 || ^22`. */
      readonly text: string;
      /** The semver range it means. */
      readonly range: string;
      readonly position: SourcePosition;
    }[];
  }[];
  readonly phases: 'all' | readonly { readonly name: string; readonly position: SourcePosition }[];
  /** Extra cells; without a phase, every phase of that runtime. */
  readonly include: readonly {
    readonly runtime: MatrixRuntime;
    readonly phase?: string;
    readonly position: SourcePosition;
  }[];
  /** Cells left out: by runtime, by phase, or both. */
  readonly exclude: readonly {
    readonly runtime?: MatrixRuntime;
    readonly phase?: string;
    readonly position: SourcePosition;
  }[];
  readonly concurrency: number;
  readonly mode: MatrixMode;
  readonly failFast: boolean;
}

/**
 * One phase on one runtime: the unit that is built, run and judged. A value: everything it depends on is
 * in it, and its recipe (engine/prepare-recipe.ts) hashes to its key.
 */
export interface Cell {
  readonly project: Project;
  readonly phase: Phase;
  readonly runtime: Runtime;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface CheckResult {
  readonly label: string;
  readonly kind: CheckKind;
  readonly phase: string;
  readonly status: CheckStatus;
  readonly durationMs: number;
  /** One sentence: what was seen. */
  readonly message: string;
  /** Measurements a diagnosis or a person may need: status code, latency, exit code, output. */
  readonly evidence: Readonly<Record<string, string | number | boolean>>;
}

/** Where a failing cell stopped. `release`: the phase's release command failed, before the app started. */
export type FailureStage = 'build' | 'service' | 'release' | 'start' | 'check';

export type DiagnosisClass =
  | 'missing-module'
  | 'syntax-error'
  | 'package-unavailable'
  // A native addon (a compiled .node file) that was not built, or was built for another Node, in the image.
  | 'native-addon'
  | 'missing-env'
  | 'wrong-bind'
  | 'bad-start-command'
  | 'service-unreachable'
  | 'service-refused'
  | 'slow-check'
  | 'oom'
  | 'unclassified';

export interface Diagnosis {
  readonly class: DiagnosisClass;
  /** The module, package, variable, address or service the diagnosis is about. */
  readonly subject: string | null;
  /** What went wrong, in one sentence. */
  readonly summary: string;
  /** What to do about it. */
  readonly remedy: string;
  /** The lines of evidence the rule matched. */
  readonly evidence: readonly string[];
  /** The packages the remedy asks to add, when it asks for any. */
  readonly packages?: RemedyPackages;
}

/** How a proposed Debian package was checked against the runtime's suite, asked in the image itself. */
export type AptCheck =
  /** The suite has it: the remedy proposes it. */
  | 'exists'
  /** The suite has no such package: the remedy names the pip (or npm) package only. */
  | 'missing'
  /** The image could not tell (it has no package lists): the remedy says it is unsure. */
  | 'unknown'
  /** Not asked yet: the engine asks before a verdict is reported. */
  | 'unchecked';

/** Packages a remedy asks to add; a Debian name is checked before it is printed. */
export interface RemedyPackages {
  /** The Debian package proposed under `apt:`. */
  readonly apt?: string;
  readonly aptCheck?: AptCheck;
  readonly pip?: string;
  readonly npm?: string;
  /** The remedy to print when `apt` turns out missing; dropped once the check is done. */
  readonly remedyWithoutApt?: string;
}

export interface ExitInfo {
  readonly code: number;
  readonly oomKilled: boolean;
}

export interface ListeningSocket {
  readonly address: string;
  readonly port: number;
}

export interface Timings {
  imageMs: number;
  buildMs: number;
  servicesMs: number;
  startMs: number;
  checksMs: number;
  totalMs: number;
  /** The release command, when the phase has one. */
  releaseMs?: number;
}

/** Infrastructure trouble that made a cell untestable: not the app's fault. */
export interface InfraFault {
  readonly code: string;
  readonly message: string;
  readonly remedy: string;
}

/**
 * The judgement of one cell. `error` means the cell could not be tested (infrastructure), never that the
 * app failed. Every string in it is already masked for secrets.
 */
export interface Verdict {
  readonly phase: string;
  readonly phaseIndex: number;
  readonly runtime: string;
  readonly status: 'pass' | 'fail' | 'error';
  /** The cell's key (its recipe's hash); absent when the recipe could not be made. */
  readonly key?: string;
  /** The run that judged the cell; for a cached verdict, the run that judged it first. */
  readonly runId: string;
  /** When the cell was judged; for a cached verdict, the original date. */
  readonly startedAt: string;
  /** Taken from the verdict cache: neither built nor run this time. */
  readonly cached?: boolean;
  readonly timings: Timings;
  readonly checks: readonly CheckResult[];
  readonly failure?: { readonly stage: FailureStage; readonly message: string };
  readonly build?: { readonly image?: string; readonly outputTail: readonly string[] };
  /** The phase's release command, when it ran: how it ended and the last lines it printed. */
  readonly release?: {
    readonly command: string;
    readonly exitCode: number;
    readonly timedOut: boolean;
    readonly outputTail: readonly string[];
  };
  readonly app?: { readonly exit?: ExitInfo; readonly logTail: readonly string[] };
  readonly diagnosis?: Diagnosis;
  readonly infra?: InfraFault;
  readonly warnings: readonly string[];
}

export function formatRuntime(runtime: Runtime): string {
  return `${runtime.language}@${runtime.version}`;
}

/** What a bisect found: plain data for the terminal, JSON and any later reporter. */
export interface BisectReport {
  readonly project: string;
  readonly runtime: string;
  /** The run whose probes these are: its resources carried this id. */
  readonly runId: string;
  readonly phases: readonly { readonly index: number; readonly name: string; readonly file: string }[];
  /** The first failing phase; its fields are null when every phase passed (or none could be judged). */
  readonly culprit: {
    readonly phase: string | null;
    readonly index: number | null;
    readonly file: string | null;
  };
  /** The last phase proven to pass; null fields when none did. */
  readonly lastGood: { readonly phase: string | null; readonly index: number | null };
  /** What the culprit added over the last good phase. */
  readonly added: LayerAdditions | null;
  readonly failedCheck: CheckResult | null;
  readonly diagnosis: Diagnosis | null;
  readonly logTail: readonly string[];
  /** How many phases were built and checked. */
  readonly probes: number;
  readonly probeOrder: readonly {
    readonly phase: string;
    readonly index: number;
    readonly status: Verdict['status'];
    readonly durationMs: number;
  }[];
  /** Phases that could not be tested (infrastructure trouble), by name. */
  readonly untested: readonly string[];
  /** When untested phases hide the exact culprit: every phase it may be. */
  readonly possibleCulprits: readonly string[];
  /** Later phases that passed although an earlier one failed: the monotone assumption did not hold. */
  readonly anomalies: readonly { readonly passed: string; readonly failed: string }[];
  /** Infrastructure trouble on every path: nothing could be judged. */
  readonly inconclusive: boolean;
  readonly durationMs: number;
  readonly verdicts: readonly Verdict[];
  /** With `--deep`: the search inside the culprit layer for the additions that break it. */
  readonly deep?: DeepBisectReport;
}

/** One thing a layer adds over the phase before it, as deep bisect takes it in or leaves it out. */
export interface LayerAddition {
  readonly kind: 'apt' | 'pip' | 'requirements' | 'npm' | 'file' | 'env' | 'secret' | 'service' | 'start';
  /** The package, path, variable or service name; for `start`, the new command; `context` for all files. */
  readonly name: string;
  /** How a report shows it: `apt python3-jwt`, `file app/auth.py`, `env FEATURE_AUTH`, `start: ...`. */
  readonly label: string;
}

/** How one subset of the culprit's additions did on top of the last good phase. */
export interface DeepProbe {
  /** Labels of the additions taken in. */
  readonly additions: readonly string[];
  /** `fail`: the culprit's failure again; `pass`; `unresolved`: some other failure, or untestable. */
  readonly outcome: 'pass' | 'fail' | 'unresolved';
  readonly status: Verdict['status'];
  /** The failure it showed (diagnosis class and subject), when it failed. */
  readonly failure: string | null;
  readonly durationMs: number;
}

/** Deep bisect: which of the culprit layer's additions break it, found by delta debugging (ddmin). */
export interface DeepBisectReport {
  /** The culprit phase, and the last good phase its additions are put on (null for the first phase). */
  readonly phase: string | null;
  readonly base: string | null;
  /** Everything the culprit layer adds: the set searched. */
  readonly additions: readonly LayerAddition[];
  /**
   * A 1-minimal subset that still fails the same way on top of `base`: leaving out any one of them no longer
   * does. Empty when the layer's checks fail without any of its additions; null when the search did not run.
   */
  readonly minimal: readonly LayerAddition[] | null;
  /** The failure a subset must show to count: the culprit's diagnosis class and subject. */
  readonly failure: string | null;
  /** Phases built and checked by the search (the bisect's own probes not included). */
  readonly probes: number;
  readonly probeOrder: readonly DeepProbe[];
  /** The diagnosis of the minimal set's probe (the culprit's own when every addition is needed). */
  readonly diagnosis: Diagnosis | null;
  /** Why the search did not run, when it did not. */
  readonly skipped?: string;
  readonly durationMs: number;
}

/** A readable diff of one layer over the phase before it. */
export interface LayerAdditions {
  readonly apt: readonly string[];
  readonly pip: readonly string[];
  readonly requirements: readonly string[];
  readonly npm: Readonly<Record<string, string>>;
  readonly files: FileSelection;
  readonly envNames: readonly string[];
  readonly secrets: readonly string[];
  readonly services: readonly string[];
  readonly checks: readonly string[];
  readonly start?: { readonly from: string; readonly to: string };
}

/**
 * How one cell of a matrix ended. `inferred-*` cells were not run: phases are cumulative, so a later
 * phase that passed proves an earlier one (and an earlier failure dooms a later one), as bisect reasons.
 */
export type MatrixCellStatus =
  'pass' | 'fail' | 'error' | 'untested' | 'excluded' | 'inferred-pass' | 'inferred-fail';

export interface MatrixCell {
  readonly runtime: string;
  readonly phase: string;
  readonly phaseIndex: number;
  readonly status: MatrixCellStatus;
  /** Served from the verdict cache: neither built nor run this time. */
  readonly cached: boolean;
  readonly key?: string;
  /** Why a cell was not judged (untested, excluded, inferred). */
  readonly reason?: string;
  readonly verdict?: Verdict;
  /** `matrix --deep`, on a runtime's first failing cell: which of its layer's additions break it. */
  readonly deep?: DeepBisectReport;
}

/** Per runtime: how far up the layer stack the service works, and where it stops. */
export interface MatrixRuntimeSummary {
  readonly runtime: string;
  readonly status: 'pass' | 'fail' | 'error' | 'untested' | 'excluded';
  readonly lastGood: { readonly phase: string; readonly index: number } | null;
  readonly firstFailing: {
    readonly phase: string;
    readonly index: number;
    readonly file: string;
    readonly message: string;
    readonly diagnosis: Diagnosis | null;
    /** With `--deep`: the 1-minimal set of the layer's additions that still fails. */
    readonly deep?: DeepBisectReport;
  } | null;
  /** The command that reproduces the first failing (or untestable) cell. */
  readonly reproduce: string | null;
  /** Cells built and run this time (cached ones not counted). */
  readonly probes: number;
  readonly reason?: string;
}

export const MATRIX_SCHEMA_VERSION = 1;

/** A matrix run's whole result: plain, versioned data every reporter, snapshot and merge takes. */
export interface MatrixResult {
  readonly schemaVersion: number;
  readonly project: string;
  readonly matrix: string;
  /** The project file, relative to where the command ran: reproduce lines use it. */
  readonly config: string;
  readonly mode: MatrixMode;
  /** Every run that contributed (one, or one per merged shard). */
  readonly runIds: readonly string[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** The shards this result covers, as `i/n`; empty when unsharded. */
  readonly shards: readonly string[];
  readonly shardCount: number;
  readonly runtimes: readonly string[];
  readonly phases: readonly { readonly index: number; readonly name: string; readonly file: string }[];
  readonly cells: readonly MatrixCell[];
  readonly summaries: readonly MatrixRuntimeSummary[];
}
