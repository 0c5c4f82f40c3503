// How each cell status of a matrix reads, in a terminal and in Markdown, with the legend that explains it.
import type { MatrixCell, MatrixCellStatus } from '../model.js';
import { MARK } from './symbols.js';

const TERMINAL: Readonly<Record<MatrixCellStatus, string>> = {
  pass: MARK.pass,
  fail: MARK.fail,
  error: MARK.error,
  untested: '?',
  excluded: '–',
  'inferred-pass': `(${MARK.pass})`,
  'inferred-fail': `(${MARK.fail})`,
};

const MARKDOWN: Readonly<Record<MatrixCellStatus, string>> = {
  pass: '✅',
  fail: '❌',
  error: '⚠️',
  untested: '❔',
  excluded: '➖',
  'inferred-pass': '☑️',
  'inferred-fail': '✖️',
};

export function terminalMark(cell: MatrixCell | undefined): string {
  if (!cell) return '';
  return `${TERMINAL[cell.status]}${cell.cached ? '*' : ''}`;
}

export function markdownMark(cell: MatrixCell | undefined): string {
  if (!cell) return '';
  return `${MARKDOWN[cell.status]}${cell.cached ? ' (cached)' : ''}`;
}

export const TERMINAL_LEGEND = `${MARK.pass} pass  ${MARK.fail} fail  ${MARK.error} infrastructure  ? untested  – excluded  (${MARK.pass}) passes: a later phase passed  (${MARK.fail}) fails: an earlier phase fails  * cached`;

export const MARKDOWN_LEGEND =
  '✅ pass · ❌ fail · ⚠️ infrastructure trouble · ❔ untested · ➖ excluded · ☑️ passes (a later phase passed) · ✖️ fails (an earlier phase fails) · (cached) from the verdict cache';
