// renderPythonDockerfile with the real template: cache-friendly layer order, quoting, and nothing secret.
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/model.js';
import { renderPythonDockerfile } from '../../../src/stacks/python-stack.js';
import { loadTemplate } from '../../../src/templating/render-template.js';
import { layer, planOf, postgres } from '../../support/plan-builder.js';

const plan = planOf([
  layer('health', { apt: ['python3-fastapi', 'python3-uvicorn'] }),
  layer('db', {
    apt: ['libpq5=15.*'],
    pip: ['sqlalchemy>=2', 'psycopg[binary]'],
    requirements: ['requirements/db.txt'],
    services: [postgres('db')],
    env: { DATABASE_URL: '${services.postgres.url}', FEATURE_FLAG: 'xyzzy-flag-value' },
  }),
  layer('auth', { secrets: ['OPENAI_API_KEY'], env: { JWT_SECRET: '${random.secret}' } }),
  layer('llm', { requirements: ['requirements/llm.txt', 'constraints/llm.txt'], pip: ["it's"] }),
]);

async function dockerfiles(): Promise<string[]> {
  const template = await loadTemplate('python.Dockerfile');
  return plan.phases.map((phase) => {
    const cell: Cell = { project: plan, phase, runtime: plan.defaultRuntime };
    return renderPythonDockerfile(template, cell, 'python:3.11-slim');
  });
}

/** The instructions the engine caches, from FROM up to (not including) the copy of the app. */
function dependencyInstructions(dockerfile: string): string[] {
  const lines = dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.slice(0, lines.indexOf('COPY context/ /app/'));
}

/** The instructions the layers add, after the common preamble that ends in WORKDIR. */
function layerInstructions(dockerfile: string): string[] {
  const lines = dependencyInstructions(dockerfile);
  return lines.slice(lines.indexOf('WORKDIR /app') + 1);
}

describe('renderPythonDockerfile', () => {
  it("starts every phase's dependency instructions with exactly those of the phase before", async () => {
    const rendered = (await dockerfiles()).map(dependencyInstructions);
    for (let k = 0; k + 1 < rendered.length; k++) {
      const [earlier, later] = [rendered[k]!, rendered[k + 1]!];
      expect(later.slice(0, earlier.length)).toEqual(earlier);
    }
    const added = (await dockerfiles()).map((d) => layerInstructions(d).length);
    expect(added).toEqual([1, 5, 5, 10]);
  });

  it('renders the first phase as a base image, its apt layer, the app and its command', async () => {
    const [health] = await dockerfiles();
    expect(dependencyInstructions(health!)[0]).toBe('FROM python:3.11-slim');
    expect(dependencyInstructions(health!)).toContain(
      'COPY stagebisect/apt-install.sh /usr/local/bin/stagebisect-apt-install',
    );
    expect(layerInstructions(health!)).toEqual([
      'RUN stagebisect-apt-install python3-fastapi python3-uvicorn',
    ]);
    expect(health!.split('\n').slice(-4)).toEqual([
      'COPY context/ /app/',
      'EXPOSE 8000',
      'CMD ["sh", "-c", "python3 -m app"]',
      '',
    ]);
    expect(health!.split('\n')[0]).toBe('# Built by stagebisect: phase health of shop on python@3.11.');
  });

  it('shell-quotes apt and pip words that a shell would mangle', async () => {
    const [, db, , llm] = await dockerfiles();
    expect(db).toContain("RUN stagebisect-apt-install 'libpq5=15.*'\n");
    expect(db).toContain("RUN python3 -m pip install 'sqlalchemy>=2' 'psycopg[binary]'\n");
    expect(llm).toContain(`RUN python3 -m pip install 'it'\\''s'\n`);
  });

  it('copies each requirement file under a name of its own, then installs it', async () => {
    const llm = (await dockerfiles())[3]!;
    expect(layerInstructions(llm).slice(5)).toEqual([
      'COPY context/requirements/llm.txt /tmp/stagebisect/requirements/04-1-llm.txt',
      'RUN python3 -m pip install -r /tmp/stagebisect/requirements/04-1-llm.txt',
      'COPY context/constraints/llm.txt /tmp/stagebisect/requirements/04-2-llm.txt',
      'RUN python3 -m pip install -r /tmp/stagebisect/requirements/04-2-llm.txt',
      "RUN python3 -m pip install 'it'\\''s'",
    ]);
  });

  it('builds in no env value, reference or secret name', async () => {
    for (const dockerfile of await dockerfiles()) {
      expect(dockerfile).not.toContain('xyzzy-flag-value');
      expect(dockerfile).not.toContain('${');
      expect(dockerfile).not.toContain('OPENAI_API_KEY');
      expect(dockerfile).not.toContain('JWT_SECRET');
      expect(dockerfile).not.toContain('DATABASE_URL');
    }
  });

  it('copies the app after every dependency layer, and leaves no blank lines where sections were', async () => {
    for (const dockerfile of await dockerfiles()) {
      const lines = dockerfile.split('\n');
      const copyApp = lines.indexOf('COPY context/ /app/');
      const lastRun = lines.map((l) => l.startsWith('RUN ')).lastIndexOf(true);
      expect(copyApp).toBeGreaterThan(lastRun);
      expect(dockerfile).not.toMatch(/\n\n/);
    }
  });
});
