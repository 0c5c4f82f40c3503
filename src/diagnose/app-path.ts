// Turns a path inside the container into the path a user knows, relative to the build context.

/** The directory the build context is copied to in every image stagebisect builds. */
export const APP_DIR = '/app';

/** `/app/app/main.py` or `file:///app/server.mjs` -> `app/main.py`, `server.mjs`; other paths unchanged. */
export function appRelativePath(path: string): string {
  const plain = path.startsWith('file://') ? path.slice('file://'.length) : path;
  return plain.startsWith(`${APP_DIR}/`) ? plain.slice(APP_DIR.length + 1) : plain;
}

/** Whether a path points into the app's own directory in the container. */
export function isAppPath(path: string): boolean {
  const plain = path.startsWith('file://') ? path.slice('file://'.length) : path;
  return plain.startsWith(`${APP_DIR}/`);
}
