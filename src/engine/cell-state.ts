// What a cell gathers while it runs: the material of its Verdict and of its diagnosis.
import type { ContainerHandle } from '../drivers/driver.js';
import type {
  CheckResult,
  Diagnosis,
  ExitInfo,
  FailureStage,
  InfraFault,
  ListeningSocket,
  Timings,
} from '../model.js';
import type { GitState } from '../drivers/git-work-tree.js';
import type { CellRecipe } from '../recipes/recipe.js';
import type { CellEnv } from './cell-env.js';
import type { CellFacts } from './gather-facts.js';
import type { ReleaseRun } from './run-release.js';
import type { StartedServices } from './start-services.js';

export interface CellState {
  timings: Timings;
  checks: CheckResult[];
  warnings: string[];
  failure?: { stage: FailureStage; message: string };
  infra?: InfraFault;
  buildOutput: string[];
  /** The cell's key, once its recipe is made. */
  key?: string;
  image?: string;
  app?: ContainerHandle;
  env?: CellEnv;
  services?: StartedServices;
  checkOutput: string;
  listening: ListeningSocket[];
  localModules: string[];
  /** The recipe it was built from, once made. */
  recipe?: CellRecipe;
  /** What a passing cell's containers reported, for its snapshot. */
  facts?: CellFacts;
  git?: GitState;
  /** How the app exited on its own, taken before dispose() stops it: that exit is ours, not the app's. */
  exit?: ExitInfo;
  /** The phase's release command, when it ran. */
  release?: ReleaseRun;
  /** Known before anything was built (a dependency npm refuses, an engines mismatch): no rule is asked. */
  diagnosis?: Diagnosis;
}
