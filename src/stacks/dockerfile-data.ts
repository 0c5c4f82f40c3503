// The template data every stack's Dockerfile shares: who it is for, its build step and how the app starts.
import { formatRuntime, type Cell } from '../model.js';
import type { TemplateData } from '../templating/render-template.js';

export function commonDockerfileData(cell: Cell, baseImage: string): TemplateData {
  return {
    project: cell.project.name,
    phase: cell.phase.name,
    runtime: formatRuntime(cell.runtime),
    baseImage,
    port: cell.project.port,
    startJson: JSON.stringify(cell.phase.start),
    // Exec form, so any command text (quotes, several lines) is one argument of sh -c.
    buildJson: cell.phase.build !== undefined ? JSON.stringify(['sh', '-c', cell.phase.build]) : '',
  };
}
