// The template data every stack's Dockerfile shares: who it is for and how the app starts.
import { formatRuntime, type Cell } from '../model.js';
import type { TemplateData } from '../templating/render-template.js';

export function commonDockerfileData(cell: Cell, baseImage: string): TemplateData {
  return {
    project: cell.plan.name,
    phase: cell.phase.name,
    runtime: formatRuntime(cell.runtime),
    baseImage,
    port: cell.plan.port,
    startJson: JSON.stringify(cell.phase.start),
  };
}
