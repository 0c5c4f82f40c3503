// A real npm registry in miniature on 127.0.0.1: packuments and gzipped tarballs made from a few
// declared packages, so arborist resolves and fetches over HTTP as it does from registry.npmjs.org.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

export interface PackageVersion {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
  readonly scripts?: Readonly<Record<string, string>>;
  /** Extra files besides package.json, by path inside the package. */
  readonly files?: Readonly<Record<string, string>>;
}

/** name -> version -> what that version declares. */
export type RegistryContents = Readonly<Record<string, Readonly<Record<string, PackageVersion>>>>;

export interface Tarball {
  readonly url: string;
  readonly integrity: string;
  readonly bytes: Buffer;
}

export interface LocalRegistry {
  readonly url: string;
  /** The request paths served so far, in order. */
  readonly requests: string[];
  /** The Authorization header of each request, in the same order ('' when none was sent). */
  readonly authorizations: string[];
  /** The full URLs of requests that came as to a proxy. */
  readonly proxied: string[];
  tarball(name: string, version: string): Tarball;
  close(): Promise<void>;
}

async function tarballOf(name: string, version: string, spec: PackageVersion): Promise<Buffer> {
  const archive = pack();
  const manifest = JSON.stringify({ name, version, main: 'index.js', ...spec, files: undefined });
  const files = {
    'package.json': manifest,
    'index.js': `module.exports = '${name}@${version}';\n`,
    ...spec.files,
  };
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  // A fixed mtime: the same package gives the same bytes, and so the same integrity, on every run.
  for (const [file, text] of Object.entries(files)) {
    archive.entry({ name: `package/${file}`, mtime: new Date(0), mode: 0o644 }, text);
  }
  archive.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

export async function startLocalRegistry(contents: RegistryContents): Promise<LocalRegistry> {
  const requests: string[] = [];
  const authorizations: string[] = [];
  const proxied: string[] = [];
  const tarballs = new Map<string, Buffer>();
  for (const [name, versions] of Object.entries(contents)) {
    for (const [version, spec] of Object.entries(versions)) {
      tarballs.set(`/${name}/-/${name}-${version}.tgz`, await tarballOf(name, version, spec));
    }
  }
  const server = http.createServer((request, response) => {
    // A proxied request names the whole URL (`GET http://registry.invalid/left`); a direct one only its path.
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://direct').pathname);
    if (/^https?:\/\//.test(request.url ?? '')) proxied.push(request.url ?? '');
    requests.push(path);
    authorizations.push(request.headers.authorization ?? '');
    const tarball = tarballs.get(path);
    if (tarball) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarball);
      return;
    }
    const versions = contents[path.slice(1)];
    if (!versions) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(packument(path.slice(1), versions)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const tarball = (name: string, version: string): Tarball => {
    const bytes = tarballs.get(`/${name}/-/${name}-${version}.tgz`);
    if (!bytes) throw new Error(`the local registry has no ${name}@${version}`);
    const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    return { url: `${url}${name}/-/${name}-${version}.tgz`, integrity, bytes };
  };

  function packument(name: string, versions: Readonly<Record<string, PackageVersion>>): unknown {
    const all = Object.keys(versions);
    return {
      name,
      'dist-tags': { latest: all[all.length - 1] },
      versions: Object.fromEntries(
        all.map((version) => {
          const { files: _files, ...declared } = versions[version]!;
          const { url: tarballUrl, integrity, bytes } = tarball(name, version);
          const shasum = createHash('sha1').update(bytes).digest('hex');
          return [version, { name, version, ...declared, dist: { tarball: tarballUrl, integrity, shasum } }];
        }),
      ),
    };
  }

  return {
    url,
    requests,
    authorizations,
    proxied,
    tarball,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
