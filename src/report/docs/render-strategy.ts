// Renders deployment_strategy.md from its model through Eta, a template engine, with Markdown escaping:
// `<%= %>` escapes what Markdown would read as syntax and keeps table cells on one line. The default
// template is templates/deployment_strategy.md.eta; a user may pass their own.
import { Eta } from 'eta';
import { UsageError } from '../../errors.js';
import { markdownCell, markdownCode, markdownProse } from '../markdown-text.js';

import { embedDocumentState } from './document-state.js';
import type { StrategyModel } from './strategy-model.js';

export const DEFAULT_TEMPLATE = 'deployment_strategy.md.eta';

/** A fenced block whose fence is longer than any run of backticks inside it. */
function fence(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}`;
}

const eta = new Eta({
  autoEscape: true,
  escapeFunction: (value: unknown) => markdownCell(String(value)),
  // Templates say where lines end (`-%>`): output never loses a newline it did not ask to lose.
  autoTrim: false,
  cache: false,
});

/** The document's text, with the state the next document compares itself with. */
export function renderStrategy(template: string, model: StrategyModel, templateName: string): string {
  let text: string;
  try {
    text = eta.renderString(template, {
      ...model,
      code: (value: string) => markdownCode(value),
      escape: (value: string) => markdownCell(value),
      prose: (value: string) => markdownProse(value),
      fence,
    });
  } catch (error) {
    throw new UsageError(
      `the template ${templateName} could not be rendered: ${(error as Error).message.split('\n')[0]}`,
      'fix the template (see templates/deployment_strategy.md.eta for the data it gets), or leave out --template',
    );
  }
  return embedDocumentState(text, model.state);
}
