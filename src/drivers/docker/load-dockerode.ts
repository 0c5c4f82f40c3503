// Loads dockerode without paying, at every start, for the parts of it we rarely or never use: it requires
// ssh2 (for DOCKER_HOST=ssh://) and gRPC with protobuf (for BuildKit sessions; we use the classic builder
// only) as it loads, about a fifth of a second of a command's start-up. Each is put in Node's module cache
// as a stand-in that loads the real module the first time it is used, so nothing changes for an ssh://
// engine but when it is paid.
import { createRequire } from 'node:module';
import type DockerClass from 'dockerode';

const require = createRequire(import.meta.url);

type Loader = () => Record<string, unknown>;

/** Registers `exports` for `request` as seen from the file `from`, unless the module is loaded already. */
function standIn(from: string, request: string, exports: (load: Loader) => unknown): void {
  const requireFrom = createRequire(from);
  let resolved: string;
  try {
    resolved = requireFrom.resolve(request);
  } catch {
    return; // Not installed as expected: dockerode then loads it (or fails) as it always did.
  }
  if (require.cache[resolved]) return;
  let real: Record<string, unknown> | undefined;
  const load: Loader = () => {
    if (!real) {
      delete require.cache[resolved];
      real = requireFrom(request) as Record<string, unknown>;
      require.cache[resolved] = { ...module(resolved), exports: real, loaded: true };
    }
    return real;
  };
  require.cache[resolved] = { ...module(resolved), exports: exports(load), loaded: true };
}

/** The fields of a Node module record that require() reads from its cache. */
function module(filename: string): NodeJS.Module {
  return { id: filename, filename, path: filename, children: [], paths: [] } as unknown as NodeJS.Module;
}

/** An object whose every property is read from the real module, loaded on the first read. */
const lazyModule = (load: Loader): unknown =>
  new Proxy({}, { get: (_target, property) => load()[property as string] });

let loaded: typeof DockerClass | undefined;

export function loadDockerode(): typeof DockerClass {
  if (loaded) return loaded;
  const modem = require.resolve('docker-modem/lib/ssh.js', { paths: [require.resolve('dockerode')] });
  const session = require.resolve('dockerode/lib/session.js');
  // docker-modem reads `require('ssh2').Client` as it loads: a class that builds the real one when used.
  standIn(modem, 'ssh2', (load) => ({
    Client: function Client(...args: unknown[]) {
      const Real = load().Client as new (...a: unknown[]) => object;
      return new Real(...args);
    },
  }));
  standIn(session, '@grpc/grpc-js', lazyModule);
  standIn(session, '@grpc/proto-loader', lazyModule);
  loaded = require('dockerode') as typeof DockerClass;
  return loaded;
}
