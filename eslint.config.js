// Lint rules, including the import boundaries that keep the layers of the house apart.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const boundary = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

const dockerode = {
  group: ['dockerode', 'docker-modem'],
  message: 'Only src/drivers/docker talks to the engine.',
};
const yaml = { group: ['yaml'], message: 'Only src/config parses YAML.' };
const hostProcesses = {
  group: ['execa', 'node:child_process', 'child_process'],
  message: 'Only drivers and images/ run host processes.',
};
const listr = { group: ['listr2'], message: 'Only src/report renders progress.' };
const ajv = { group: ['ajv', 'ajv/*'], message: 'Only src/config validates against the schemas.' };
const npmLibraries = {
  group: ['@npmcli/*', '@npmcli/*/**'],
  message: "Only src/dependencies resolves Node dependencies (npm's own libraries).",
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'examples/**',
      'test/fixtures/**',
      // Ajv's code, generated from our schemas (npm run docs:config).
      'src/config/schemas/validators.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Later entries override earlier ones for the files they match: the most specific folder comes last.
  boundary(['src/**/*.ts'], [dockerode, yaml, hostProcesses, listr, ajv, npmLibraries]),
  boundary(['src/drivers/**/*.ts', 'src/images/**/*.ts'], [dockerode, yaml, listr, ajv, npmLibraries]),
  boundary(['src/drivers/docker/**/*.ts'], [yaml, listr, ajv, npmLibraries]),
  boundary(['src/config/**/*.ts'], [dockerode, hostProcesses, listr, npmLibraries]),
  boundary(['src/report/**/*.ts'], [dockerode, yaml, hostProcesses, ajv, npmLibraries]),
  // Host file and network I/O through npm's libraries; no engine, no host processes, no stack logic.
  boundary(
    ['src/dependencies/**/*.ts'],
    [
      dockerode,
      yaml,
      hostProcesses,
      listr,
      ajv,
      {
        group: ['**/drivers/**', '**/engine/**'],
        message: 'Dependencies are resolved below the engine and drivers.',
      },
    ],
  ),
  boundary(
    [
      'src/model.ts',
      'src/engine/**/*.ts',
      'src/checks/**/*.ts',
      'src/services/**/*.ts',
      'src/stacks/**/*.ts',
    ],
    [
      dockerode,
      yaml,
      hostProcesses,
      listr,
      ajv,
      npmLibraries,
      { group: ['**/drivers/docker/**'], message: 'Talk to the Driver interface, not to one driver.' },
    ],
  ),
  boundary(
    [
      'src/diagnose/**/*.ts',
      'src/engine/bisect.ts',
      'src/engine/ddmin.ts',
      'src/engine/failure-signature.ts',
      'src/engine/apt-policy.ts',
      'src/config/phase-additions.ts',
    ],
    [
      dockerode,
      yaml,
      hostProcesses,
      listr,
      ajv,
      npmLibraries,
      {
        group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', '**/drivers/**'],
        message: 'Diagnosis, the bisect and ddmin searches and what they read are pure.',
      },
    ],
  ),
);
