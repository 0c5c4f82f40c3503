// The files `stagebisect export HOST` writes, per host. Pure: text from a snapshot's HostPlan. YAML and
// TOML strings are written as JSON strings, which both read as double-quoted strings.
import { hostPlan, REQUIREMENTS_FILE, versionFile, versionVariable, type HostPlan } from './host-plan.js';
import type { Snapshot } from '../snapshots/snapshot.js';

export const HOSTS = ['render', 'railway', 'fly', 'procfile'] as const;
export type Host = (typeof HOSTS)[number];

export interface HostFile {
  readonly path: string;
  readonly content: string;
}

const q = (text: string): string => JSON.stringify(text);

function requirements(plan: HostPlan): HostFile[] {
  return plan.requirements ? [{ path: REQUIREMENTS_FILE, content: plan.requirements }] : [];
}

function renderYaml(plan: HostPlan): HostFile[] {
  const env = [
    { key: versionVariable(plan), line: `value: ${q(plan.version)}` },
    ...plan.values.map((v) => ({ key: v.name, line: `value: ${q(v.value)}` })),
    ...plan.generated.map((name) => ({ key: name, line: 'generateValue: true' })),
    ...plan.unset.map((e) => ({ key: e.name, line: 'sync: false' })),
  ];
  const lines = [
    `# ${plan.origin}`,
    '# Values marked `sync: false` are set in the dashboard: secrets and the URLs of your databases.',
    'services:',
    '  - type: web',
    `    name: ${q(plan.name)}`,
    `    runtime: ${plan.language}`,
    `    buildCommand: ${q(plan.build)}`,
    `    startCommand: ${q(plan.start)}`,
    ...(plan.release ? [`    preDeployCommand: ${q(plan.release)}`] : []),
    ...(plan.health ? [`    healthCheckPath: ${q(plan.health.path)}`] : []),
    '    envVars:',
    ...env.flatMap((e) => [`      - key: ${q(e.key)}`, `        ${e.line}`]),
    '',
  ];
  return [{ path: 'render.yaml', content: lines.join('\n') }, ...requirements(plan)];
}

function railwayJson(plan: HostPlan): HostFile[] {
  const config = {
    $schema: 'https://railway.com/railway.schema.json',
    build: { buildCommand: plan.build },
    deploy: {
      startCommand: plan.start,
      ...(plan.release ? { preDeployCommand: [plan.release] } : {}),
      ...(plan.health ? { healthcheckPath: plan.health.path, healthcheckTimeout: plan.health.timeoutS } : {}),
    },
  };
  return [
    { path: 'railway.json', content: `${JSON.stringify(config, null, 2)}\n` },
    versionFile(plan),
    ...requirements(plan),
  ];
}

function flyToml(plan: HostPlan): HostFile[] {
  const buildpackVersion = plan.language === 'python' ? 'BP_CPYTHON_VERSION' : 'BP_NODE_VERSION';
  const hand = [...plan.unset.map((e) => e.name), ...plan.generated];
  const lines = [
    `# ${plan.origin}`,
    ...(hand.length ? [`# Set these with \`fly secrets set NAME=VALUE\`: ${hand.join(', ')}.`] : []),
    `app = ${q(plan.name)}`,
    '',
    '[build]',
    '  builder = "paketobuildpacks/builder-jammy-base"',
    '',
    '[build.args]',
    `  ${buildpackVersion} = ${q(plan.version)}`,
    '',
    '[env]',
    `  PORT = ${q(String(plan.port))}`,
    `  ${versionVariable(plan)} = ${q(plan.version)}`,
    ...plan.values.map((v) => `  ${v.name} = ${q(v.value)}`),
    '',
    ...(plan.release ? ['[deploy]', `  release_command = ${q(plan.release)}`, ''] : []),
    '[processes]',
    // Machines run a process's command without a shell: sh expands $PORT as the host's router expects.
    `  app = ${q(`sh -c ${shQuote(plan.start)}`)}`,
    '',
    '[http_service]',
    `  internal_port = ${plan.port}`,
    '  force_https = true',
    '  auto_stop_machines = "stop"',
    '  auto_start_machines = true',
    '  min_machines_running = 0',
    '  processes = ["app"]',
    ...(plan.health
      ? [
          '',
          '[[http_service.checks]]',
          '  grace_period = "10s"',
          '  interval = "15s"',
          '  method = "GET"',
          `  path = ${q(plan.health.path)}`,
          '  timeout = "10s"',
        ]
      : []),
    '',
  ];
  return [{ path: 'fly.toml', content: lines.join('\n') }, versionFile(plan), ...requirements(plan)];
}

function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function procfile(plan: HostPlan): HostFile[] {
  const lines = [...(plan.release ? [`release: ${plan.release}`] : []), `web: ${plan.start}`, ''];
  return [{ path: 'Procfile', content: lines.join('\n') }, versionFile(plan), ...requirements(plan)];
}

const WRITERS: Readonly<Record<Host, (plan: HostPlan) => HostFile[]>> = {
  render: renderYaml,
  railway: railwayJson,
  fly: flyToml,
  procfile,
};

export function hostFiles(
  host: Host,
  snapshot: Snapshot,
): { readonly plan: HostPlan; readonly files: HostFile[] } {
  const plan = hostPlan(snapshot);
  return { plan, files: WRITERS[host](plan) };
}
