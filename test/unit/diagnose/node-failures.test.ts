// Node's own failures, from output captured in containers of stagebisect/node:22 (and older Node binaries
// mounted into a Debian base): native addons, module formats, missing built-ins, ports in use, env
// validators, declared secrets left unset, unhandled rejections and loopback binds.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { parseListeningSockets } from '../../../src/drivers/proc-net-tcp.js';
import { loadEvidence } from './load-evidence.js';
import { failedHttpCheck, makeInput, makeLayer } from './make-input.js';

const HEALTH = makeLayer('health', 'phases/10-health.yaml', { npm: ['express'] });
const AUTH = makeLayer('auth', 'phases/40-auth.yaml', {
  npm: ['better-sqlite3', 'jose'],
  files: ['src/auth.ts'],
});
const exit = { code: 1, oomKilled: false };

function node(overrides: Partial<DiagnosisInput>) {
  return makeInput({
    stack: 'node',
    runtime: 'node@22',
    port: 3000,
    layers: [HEALTH, AUTH],
    localModules: ['server.js', 'src', 'dist'],
    exit,
    ...overrides,
  });
}

const crashed = (fixture: string, overrides: Partial<DiagnosisInput> = {}) =>
  diagnose(node({ appLog: loadEvidence(fixture), ...overrides }));

describe('native-addon', () => {
  it('names an addon whose install script never ran in the image ("Could not locate the bindings file")', () => {
    const diagnosis = crashed('node-bindings-not-found');
    expect(diagnosis).toMatchObject({ class: 'native-addon', subject: 'better-sqlite3' });
    expect(diagnosis.summary).toContain('no compiled binding in the image of phase');
    expect(diagnosis.remedy).toContain('`npm rebuild better-sqlite3`');
    expect(diagnosis.remedy).toContain("phase 'auth' (phases/40-auth.yaml)");
    expect(diagnosis.evidence).toEqual([
      'Error: Could not locate the bindings file. Tried:',
      ' → /app/node_modules/better-sqlite3/build/better_sqlite3.node',
    ]);
  });

  it('names the Node an addon was built for when its NODE_MODULE_VERSION does not match', () => {
    const diagnosis = crashed('node-module-version-mismatch');
    expect(diagnosis).toMatchObject({ class: 'native-addon', subject: 'better-sqlite3' });
    expect(diagnosis.summary).toBe(
      "better-sqlite3's native addon was built for Node 20 (NODE_MODULE_VERSION 115), but node@22 needs NODE_MODULE_VERSION 127, so it cannot load in phase 'auth'.",
    );
    expect(diagnosis.remedy).toContain('.dockerignore');
  });

  it("reads node-gyp's failure in the image's build, naming the package and the missing toolchain", () => {
    const diagnosis = diagnose(
      node({ stage: 'build', buildOutput: loadEvidence('npm-rebuild-no-toolchain'), exit: undefined }),
    );
    expect(diagnosis).toMatchObject({ class: 'native-addon', subject: 'better-sqlite3' });
    expect(diagnosis.summary).toContain('node-gyp found no Python');
    expect(diagnosis.remedy).toContain(
      "add `apt: [python3, make, g++]` to phase 'auth' (phases/40-auth.yaml)",
    );
    expect(diagnosis.evidence).toEqual([
      'gyp ERR! stack Error: Could not find any Python installation to use',
      'npm error path /app/node_modules/better-sqlite3',
    ]);
  });
});

describe('native addons without the headers of their Node', () => {
  it('says node-gyp could not download the headers, and which image carries them', () => {
    const diagnosis = diagnose(
      node({ stage: 'build', buildOutput: loadEvidence('npm-rebuild-no-headers'), exit: undefined }),
    );
    expect(diagnosis).toMatchObject({ class: 'native-addon', subject: 'better-sqlite3' });
    expect(diagnosis.summary).toBe(
      "better-sqlite3's native addon could not be built for node@22 in the image of phase 'auth': node-gyp could not download the headers of Node 22.23.5 (the image has none of its own, and the build cannot reach nodejs.org).",
    );
    expect(diagnosis.remedy).toContain('/usr/local/include/node');
    expect(diagnosis.evidence[0]).toBe(
      'gyp http GET https://nodejs.org/download/release/v22.23.5/node-v22.23.5-headers.tar.gz',
    );
  });
});

describe('missing modules in a TypeScript build', () => {
  it('names the package tsc cannot find and the layer whose source imports it', () => {
    const layers = [
      makeLayer('health', 'phases/10-health.yaml', { files: ['package.json', 'src/main.ts'] }),
      makeLayer('auth', 'phases/40-auth.yaml', { npm: ['better-sqlite3'], files: ['src/auth.ts'] }),
      makeLayer('llm', 'phases/50-llm.yaml', { npm: ['openai'], files: ['src/llm.ts'] }),
    ];
    const diagnosis = diagnose(
      node({
        stage: 'build',
        phase: 'llm',
        layers,
        buildOutput: loadEvidence('npm-build-tsc-missing-module'),
        exit: undefined,
      }),
    );
    expect(diagnosis).toMatchObject({ class: 'missing-module', subject: 'jose' });
    expect(diagnosis.summary).toBe(
      "src/auth.ts:6 imports jose, which is not installed in phase 'llm' on node@22.",
    );
    expect(diagnosis.remedy).toContain("Add jose under `npm:` in phase 'auth' (phases/40-auth.yaml)");
  });
});

describe('module formats', () => {
  it('calls an ES-only package required from CommonJS unavailable on that Node, naming it', () => {
    const diagnosis = crashed('node-require-esm', { runtime: 'node@20' });
    expect(diagnosis).toMatchObject({ class: 'package-unavailable', subject: 'node-fetch' });
    expect(diagnosis.summary).toBe(
      'server.js require()s node-fetch, which is an ES module only: node@20 (Node 20.17.0) cannot load it with require().',
    );
    expect(diagnosis.remedy).toContain("`await import('node-fetch')`");
  });

  it("names the app's own module with top-level await that require() cannot load", () => {
    const diagnosis = crashed('node-require-async-module');
    expect(diagnosis).toMatchObject({ class: 'syntax-error', subject: 'config.mjs' });
    expect(diagnosis.summary).toContain('server.js require()s config.mjs, an ES module with top-level await');
    expect(diagnosis.remedy).toContain('--experimental-print-required-tla');
  });

  it('says which module kind to choose for `import` in CommonJS and `require` in an ES module', () => {
    const importing = crashed('node-import-outside-module');
    expect(importing).toMatchObject({ class: 'syntax-error', subject: 'server.js:1' });
    expect(importing.remedy).toContain('"type": "module"');
    const requiring = crashed('node-require-in-esm-scope');
    expect(requiring).toMatchObject({ class: 'syntax-error', subject: 'server.js:1' });
    expect(requiring.remedy).toContain('rename it to .cjs');
  });
});

describe('missing built-ins', () => {
  it('calls node:sqlite on Node 20 package-unavailable, with the module, the runtime and the Node that has it', () => {
    for (const fixture of ['node-unknown-builtin-esm', 'node-unknown-builtin-cjs']) {
      const diagnosis = crashed(fixture, { runtime: 'node@20' });
      expect(diagnosis, fixture).toMatchObject({ class: 'package-unavailable', subject: 'node:sqlite' });
      expect(diagnosis.summary, fixture).toContain(
        'a built-in module that node@20 (Node 20.20.2) does not have',
      );
      expect(diagnosis.remedy, fixture).toContain('Node 22.5.0 and later');
    }
    expect(crashed('node-unknown-builtin-cjs').summary).toMatch(/^server\.js:1 imports node:sqlite/);
  });
});

describe('ports in use', () => {
  it('calls EADDRINUSE on $PORT a bind problem, naming the address', () => {
    const diagnosis = crashed('node-eaddrinuse');
    expect(diagnosis).toMatchObject({ class: 'wrong-bind', subject: '0.0.0.0:3000' });
    expect(diagnosis.remedy).toContain('Only one server may listen on $PORT (3000)');
  });
});

describe('env validators and declared secrets', () => {
  it("reads envalid's coloured list of missing variables and names the first one the phase does not set", () => {
    const raw = loadEvidence('node-envalid-missing');
    expect(raw).toContain('\u001b[34mDATABASE_URL\u001b[0m');
    const diagnosis = crashed('node-envalid-missing');
    expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'DATABASE_URL' });
    expect(diagnosis.summary).toContain('also JWT_SECRET, OPENAI_API_KEY');
    expect(diagnosis.evidence).toEqual([
      ' Missing environment variables:',
      '    DATABASE_URL: undefined',
      '    JWT_SECRET: undefined',
      '    OPENAI_API_KEY: undefined',
    ]);
  });

  it('skips what the phase does set, and says to export a declared secret the host lacks', () => {
    const diagnosis = crashed('node-envalid-missing', {
      envNames: ['PORT', 'DATABASE_URL', 'OPENAI_API_KEY'],
      missingSecrets: ['OPENAI_API_KEY'],
    });
    expect(diagnosis.subject).toBe('JWT_SECRET');
    const secret = crashed('node-envalid-invalid', { envNames: ['PORT', 'DATABASE_URL', 'JWT_SECRET'] });
    expect(secret).toMatchObject({ class: 'missing-env', subject: 'OPENAI_API_KEY' });
  });

  it('names a declared secret the host does not set when the app exits at start without saying why', () => {
    const diagnosis = crashed('node-unhandled-rejection-string', {
      envNames: ['PORT', 'QUEUE_TOKEN'],
      missingSecrets: ['QUEUE_TOKEN'],
    });
    expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'QUEUE_TOKEN' });
    expect(diagnosis.summary).toContain('exited with code 1 at start');
    expect(diagnosis.remedy).toContain('export QUEUE_TOKEN in the shell that runs stagebisect');
    expect(diagnosis.evidence[0]).toBe(
      'secret QUEUE_TOKEN is not set in this environment; the app starts without it',
    );
  });

  it('lets a cause the log names win over an unset secret, and says nothing of a secret while the app runs', () => {
    expect(crashed('node-eaddrinuse', { missingSecrets: ['QUEUE_TOKEN'] }).class).toBe('wrong-bind');
    const running = node({
      stage: 'check',
      exit: undefined,
      missingSecrets: ['QUEUE_TOKEN'],
      appLog: 'listening on 3000\n',
    });
    expect(diagnose(running).class).not.toBe('missing-env');
  });
});

describe('unhandled rejections', () => {
  it('says the app stopped on an unhandled rejection and quotes the reason, claiming no class', () => {
    const diagnosis = crashed('node-unhandled-rejection-string');
    expect(diagnosis.class).toBe('unclassified');
    expect(diagnosis.summary).toContain(
      'the app stopped on an unhandled promise rejection, with the reason "queue broker did not answer within 2000 ms"',
    );
  });

  it('reads through a rejected fetch at start-up to the host it could not reach', () => {
    expect(crashed('node-top-level-await-fetch')).toMatchObject({
      class: 'service-unreachable',
      subject: 'config.internal',
    });
  });
});

describe('wrong-bind for Node', () => {
  it("names an app that listened on 'localhost' from its sockets, when its log says nothing usable", () => {
    const refused = failedHttpCheck(
      'nothing answered on port 3000 within 30000 ms (connect ECONNREFUSED 172.17.0.3:3000)',
      {
        timedOut: true,
        containerRunning: true,
        connected: false,
        port: 3000,
      },
    );
    const diagnosis = diagnose(
      node({
        stage: 'check',
        exit: undefined,
        failedCheck: refused,
        appLog: "listening on { address: '127.0.0.1', family: 'IPv4', port: 3000 }\n",
        listening: parseListeningSockets(loadEvidence('proc-net-tcp-node-localhost')),
      }),
    );
    expect(diagnosis).toMatchObject({ class: 'wrong-bind', subject: '127.0.0.1:3000' });
    expect(diagnosis.remedy).toContain("server.listen(Number(process.env.PORT), '0.0.0.0')");
  });
});
