// Host processes: execa loaded on first use (most runs start none, and loading it costs ~70 ms of
// start-up), and whether a command is installed.
import type { execa as Execa } from 'execa';

let loaded: Promise<typeof Execa> | undefined;

export function loadExeca(): Promise<typeof Execa> {
  loaded ??= import('execa').then((module) => module.execa);
  return loaded;
}

/** Whether `command` is on PATH. */
export async function onPath(command: string): Promise<boolean> {
  const execa = await loadExeca();
  return (await execa('sh', ['-c', `command -v ${command}`], { reject: false })).exitCode === 0;
}
