// Loaded with `node --import`: appends every module URL the process resolves to the file named by
// STAGEBISECT_MODULE_LOG, for tests of what a command loads at start-up.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.STAGEBISECT_MODULE_LOG, result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
