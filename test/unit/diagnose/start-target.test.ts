// startTarget: what a start command loads first, however it is written; isStartModule: whether a missing
// module is that target or a package on its path.
import { describe, expect, it } from 'vitest';
import { isStartModule, startTarget } from '../../../src/diagnose/start-target.js';

describe('startTarget', () => {
  it.each([
    ['python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT', 'app.main', 'app'],
    ['uvicorn main:app --host 0.0.0.0 --port $PORT --workers 2', 'main', 'app'],
    [
      'python3 -m gunicorn -k uvicorn.workers.UvicornWorker -b 0.0.0.0:$PORT backend.app:app',
      'backend.app',
      'app',
    ],
    ['gunicorn --bind 0.0.0.0:8000 -w 4 "app.wsgi:create_app()"', 'app.wsgi', 'create_app'],
    ['hypercorn app.main:app --bind 0.0.0.0:$PORT', 'app.main', 'app'],
    [
      'cd /app && exec WEB_CONCURRENCY=2 python -m uvicorn api.server:application',
      'api.server',
      'application',
    ],
    ['python3.13 -m celery -A worker.tasks:celery worker', 'worker.tasks', 'celery'],
  ])('%s serves %s', (start, module, attribute) => {
    expect(startTarget(start)).toEqual({ kind: 'module', module, attribute });
  });

  it('takes the module python3 -m runs when it is not a server', () => {
    expect(startTarget('python3 -m app.worker --once')).toEqual({ kind: 'module', module: 'app.worker' });
  });

  it('takes the file python or node runs', () => {
    expect(startTarget('python3 -u app/main.py')).toEqual({ kind: 'file', path: 'app/main.py' });
    expect(startTarget('node --enable-source-maps dist/server.js')).toEqual({
      kind: 'file',
      path: 'dist/server.js',
    });
  });

  it('does not guess through npm scripts or shell scripts', () => {
    expect(startTarget('npm start')).toBeUndefined();
    expect(startTarget('./start.sh')).toBeUndefined();
  });
});

describe('isStartModule', () => {
  const target = startTarget('python3 -m uvicorn backend.app:app');

  it('is true for the module itself and the packages on its path', () => {
    expect(isStartModule(target, 'backend.app')).toBe(true);
    expect(isStartModule(target, 'backend')).toBe(true);
  });

  it('is false for other modules, a prefix that is not a package, and a file target', () => {
    expect(isStartModule(target, 'jwt')).toBe(false);
    expect(isStartModule(target, 'back')).toBe(false);
    expect(isStartModule(target, 'backend.app.routes')).toBe(false);
    expect(isStartModule(startTarget('python3 app/main.py'), 'app')).toBe(false);
  });
});
