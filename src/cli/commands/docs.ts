// `stagebisect docs`: writes deployment_strategy.md from the project's snapshots and its latest matrix
// and bisect results, through the default template or the user's; unchanged inputs give the same bytes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadPlan } from '../../config/load-plan.js';
import { UsageError } from '../../errors.js';
import { readDocumentState } from '../../report/docs/document-state.js';
import { DEFAULT_TEMPLATE, renderStrategy } from '../../report/docs/render-strategy.js';
import { strategyModel } from '../../report/docs/strategy-model.js';
import { SnapshotStore } from '../../snapshots/snapshot-store.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { loadLatestResults } from '../../store/latest-results.js';
import { loadTemplate } from '../../templating/render-template.js';
import { printResult, type CommandContext } from '../command-context.js';
import { displayPath } from '../display-path.js';
import { EXIT } from '../exit-codes.js';
import { snapshotDir } from '../session-options.js';

export interface DocsOptions {
  readonly config: string;
  readonly out?: string;
  readonly template?: string;
}

export async function docsCommand(options: DocsOptions, context: CommandContext): Promise<number> {
  // Paths in the document are the project's own (phases/50-llm.yaml), wherever the command runs from.
  const configFile = path.resolve(context.cwd, options.config);
  const plan = await loadPlan(configFile, path.dirname(configFile));
  const projectDir = path.dirname(plan.configFile);
  const out = path.resolve(context.cwd, options.out ?? path.join(projectDir, 'deployment_strategy.md'));
  let template: string;
  let templateName = DEFAULT_TEMPLATE;
  if (options.template) {
    templateName = options.template;
    template = await readFile(path.resolve(context.cwd, options.template), 'utf8').catch((error: Error) => {
      throw new UsageError(`--template ${options.template} could not be read (${error.message})`);
    });
  } else template = await loadTemplate(DEFAULT_TEMPLATE);
  const [{ snapshots, problems }, results, previousText] = await Promise.all([
    new SnapshotStore(snapshotDir(plan)).list(),
    loadLatestResults(projectDir),
    readFile(out, 'utf8').catch(() => undefined),
  ]);
  for (const message of [...problems, ...results.problems])
    context.progress.event({ type: 'warning', message });
  // Commands in the document are typed where it lies.
  const config = path.relative(path.dirname(out), plan.configFile) || 'stagebisect.yaml';
  const previous = previousText === undefined ? undefined : readDocumentState(previousText);
  const model = strategyModel({
    plan,
    config,
    snapshots,
    matrices: results.matrices,
    bisects: results.bisects,
    ...(previous ? { previous } : {}),
  });
  const text = renderStrategy(template, model, templateName);
  const unchanged = text === previousText;
  if (!unchanged) await writeFileAtomic(out, text);
  const shown = displayPath(context.cwd, out);
  printResult(
    context,
    {
      command: 'docs',
      project: plan.name,
      out,
      unchanged,
      asOf: model.asOf,
      runtimes: model.runtimes,
      failing: model.failing.map((f) => ({
        runtime: f.runtime,
        phase: f.phase,
        diagnosis: f.diagnosis?.class ?? null,
      })),
      byHand: model.byHand,
      changes: model.changes,
    },
    () =>
      [
        `${unchanged ? 'unchanged' : 'wrote'} ${shown}: ${plan.phases.length} layers on ${model.runtimes.length} runtime${model.runtimes.length === 1 ? '' : 's'}${model.asOf ? `, as of ${model.asOf}` : ', nothing tested yet'}`,
        ...model.failing.map(
          (f) => `  first failing on ${f.runtime}: ${f.phase}${f.diagnosis ? ` (${f.diagnosis.class})` : ''}`,
        ),
        ...(model.changes.first ? [] : model.changes.items.map((c) => `  changed: ${c}`)),
      ].join('\n'),
  );
  return EXIT.pass;
}
