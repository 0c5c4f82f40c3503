// renderNodeDockerfile with the real template: apt layers in phase order, node_modules, then the app.
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/model.js';
import { renderNodeDockerfile } from '../../../src/stacks/node-stack.js';
import { loadTemplate } from '../../../src/templating/render-template.js';
import { layer, planOf } from '../../support/plan-builder.js';

const plan = planOf(
  [
    layer('health', { apt: ['curl'] }),
    layer('db', { npm: { pg: '^8' }, env: { PGHOST: 'db.internal.example' } }),
    layer('img', { apt: ['libvips42', 'fonts-dejavu=2.*'] }),
  ],
  { stack: 'node', defaultRuntime: { language: 'node', version: '22' }, port: 3000 },
);

async function render(index: number, hasDependencies: boolean): Promise<string> {
  const phase = plan.phases[index]!;
  const cell: Cell = { project: plan, phase, runtime: plan.defaultRuntime };
  return renderNodeDockerfile(await loadTemplate('node.Dockerfile'), cell, 'node:22-slim', hasDependencies);
}

const instructions = (dockerfile: string): string[] =>
  dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));

describe('renderNodeDockerfile', () => {
  it('puts the apt layers of every phase first, in phase order, then node_modules, then the app', async () => {
    const lines = instructions(await render(2, true));
    expect(lines[0]).toBe('FROM node:22-slim');
    expect(lines.slice(lines.indexOf('WORKDIR /app') + 1)).toEqual([
      'RUN stagebisect-apt-install curl',
      "RUN stagebisect-apt-install libvips42 'fonts-dejavu=2.*'",
      'COPY stagebisect/node_modules/ /app/node_modules/',
      'COPY context/ /app/',
      'EXPOSE 3000',
      'CMD ["sh", "-c", "python3 -m app"]',
    ]);
  });

  it('copies no node_modules when the phase has no dependencies', async () => {
    const dockerfile = await render(0, false);
    expect(instructions(dockerfile).filter((l) => l.includes('node_modules'))).toEqual([]);
    expect(instructions(await render(0, true)).filter((l) => l.includes('node_modules'))).toHaveLength(1);
    expect(dockerfile).not.toMatch(/\n\n/);
  });

  it("keeps each phase's instructions before the app a prefix of the next phase's", async () => {
    const before = (d: string): string[] => {
      const lines = instructions(d);
      return lines.slice(
        0,
        lines.findIndex((l) => l.startsWith('COPY stagebisect/node_modules') || l === 'COPY context/ /app/'),
      );
    };
    const health = before(await render(0, true));
    const img = before(await render(2, true));
    expect(img.slice(0, health.length)).toEqual(health);
  });

  it('builds in no env value', async () => {
    expect(await render(1, true)).not.toContain('db.internal.example');
  });
});
