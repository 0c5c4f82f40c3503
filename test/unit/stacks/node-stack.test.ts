// renderNodeDockerfile with the real template: apt layers in phase order, the dependency tree copied from its
// own image (COPY --from) and rebuilt only when something in it must be built, then the app and its build.
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/model.js';
import { renderNodeDockerfile } from '../../../src/stacks/node-stack.js';
import type { DependencyTree } from '../../../src/stacks/stack.js';
import { loadTemplate } from '../../../src/templating/render-template.js';
import { layer, planOf } from '../../support/plan-builder.js';

const plan = planOf(
  [
    layer('health', { apt: ['curl'], build: 'npm run build' }),
    layer('db', { npm: { pg: '^8' }, env: { PGHOST: 'db.internal.example' } }),
    layer('img', { apt: ['libvips42', 'fonts-dejavu=2.*'] }),
  ],
  { stack: 'node', defaultRuntime: { language: 'node', version: '22' }, port: 3000 },
);

const TREE: DependencyTree = {
  hash: 'a1b2c3d4e5f6a7b8c9d0'.padEnd(64, '0'),
  lockfile: '{}',
  image: 'stagebisect-deps/shop:a1b2c3d4e5f6',
  rebuild: false,
};

async function render(index: number, tree: DependencyTree | undefined): Promise<string> {
  const phase = plan.phases[index]!;
  const cell: Cell = { project: plan, phase, runtime: plan.defaultRuntime };
  return renderNodeDockerfile(await loadTemplate('node.Dockerfile'), cell, 'node:22-slim', tree);
}

const instructions = (dockerfile: string): string[] =>
  dockerfile
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.trim());

describe('renderNodeDockerfile', () => {
  it('puts every apt layer first, then the tree from its own image, then the app and its build step', async () => {
    const lines = instructions(await render(2, TREE));
    expect(lines[0]).toBe('FROM node:22-slim');
    expect(lines.slice(lines.indexOf('WORKDIR /app') + 1)).toEqual([
      'RUN stagebisect-apt-install curl',
      "RUN stagebisect-apt-install libvips42 'fonts-dejavu=2.*'",
      'COPY --from=stagebisect-deps/shop:a1b2c3d4e5f6 /node_modules/ /app/node_modules/',
      'COPY context/ /app/',
      'RUN ["sh","-c","npm run build"]',
      'EXPOSE 3000',
      'CMD ["sh", "-c", "python3 -m app"]',
    ]);
  });

  it('rebuilds install scripts and native addons after the copy, against the headers of the image’s Node', async () => {
    const lines = instructions(await render(1, { ...TREE, rebuild: true }));
    const copy = lines.findIndex((l) => l.startsWith('COPY --from='));
    expect(lines.slice(copy + 1, copy + 3)).toEqual([
      'RUN if [ -f /usr/local/include/node/node.h ]; then export npm_config_nodedir=/usr/local; fi \\',
      '&& npm rebuild --foreground-scripts',
    ]);
    // Before the app's files: a change to the code does not compile the addons again.
    expect(copy + 1).toBeLessThan(lines.indexOf('COPY context/ /app/'));
    expect(instructions(await render(1, TREE)).some((l) => l.includes('npm rebuild'))).toBe(false);
  });

  it('copies no node_modules when the phase has no dependency tree', async () => {
    const dockerfile = await render(0, undefined);
    expect(instructions(dockerfile).filter((l) => l.includes('node_modules'))).toEqual([]);
    expect(dockerfile).not.toMatch(/\n\n/);
  });

  it('runs a build step of any text as one argument of sh -c', async () => {
    const odd = planOf([layer('health', { build: `tsc -p "tsconfig.json" && echo 'built'\necho done` })], {
      stack: 'node',
      defaultRuntime: { language: 'node', version: '22' },
    });
    const cell: Cell = { project: odd, phase: odd.phases[0]!, runtime: odd.defaultRuntime };
    const dockerfile = renderNodeDockerfile(
      await loadTemplate('node.Dockerfile'),
      cell,
      'node:22',
      undefined,
    );
    const run = instructions(dockerfile).find((l) => l.startsWith('RUN ["sh"'))!;
    expect(JSON.parse(run.slice('RUN '.length))).toEqual(['sh', '-c', odd.phases[0]!.build]);
  });

  it("keeps each phase's instructions before the tree a prefix of the next phase's", async () => {
    const before = (d: string): string[] => {
      const lines = instructions(d);
      return lines.slice(
        0,
        lines.findIndex((l) => l.startsWith('COPY --from=') || l === 'COPY context/ /app/'),
      );
    };
    const health = before(await render(0, TREE));
    const img = before(await render(2, TREE));
    expect(img.slice(0, health.length)).toEqual(health);
  });

  it('builds in no env value', async () => {
    expect(await render(1, TREE)).not.toContain('db.internal.example');
  });
});
