// service-unreachable: the app could not connect to a database, cache or API it depends on.
import type { Diagnosis } from '../../model.js';
import type { DiagnosisInput, DiagnosisRule, ServiceEndpoint } from '../diagnosis-input.js';
import { entryCarryingHost, entryCarryingPort, referencedAttributes, type Carrier } from '../env-carrying.js';
import { splitLines } from '../evidence-lines.js';
import { findLastLine, type LineMatch } from '../find-last-line.js';
import { describeLayer, layerUnderTest } from '../phase-layers.js';
import { isLoopback } from '../socket-address.js';
import {
  CONVENTIONAL_ENV,
  conventionalEnvFor,
  llmService,
  serviceFor,
  type BuiltinName,
} from '../service-for-address.js';

interface Attempt {
  readonly host?: string;
  readonly port?: number;
  readonly reason: string;
  readonly line: string;
  readonly index: number;
  /** Set when the error names no address but the client says which service it wanted. */
  readonly client?: 'openai' | 'http';
}

type Detector = (lines: readonly string[]) => Attempt | undefined;

function at(
  found: LineMatch | undefined,
  read: (m: RegExpExecArray) => Omit<Attempt, 'line' | 'index'>,
): Attempt | undefined {
  return found ? { ...read(found.match), line: found.line, index: found.index } : undefined;
}

const PG_SERVER = /connection to server at "([^"]+)"(?: \([^)]*\))?, port (\d+) failed: (.+)$/;
const PG_REFUSED =
  /connection to server at "([^"]+)"(?: \([^)]*\))?, port (\d+) failed: (Connection refused)/;
const PG_HOST = /could not translate host name "([^"]+)" to address: (.+)$/;
const REDIS = /Error -?\d+ connecting to ([^\s:]+):(\d+)\. (.+?)\.?$/;
const NODE_CONNECT = /\bconnect (ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH) (\S+):(\d+)/;
const NODE_DNS = /\bgetaddrinfo (ENOTFOUND|EAI_AGAIN) (\S+)/;
const OPENAI = /\b(?:openai\.)?(APIConnectionError: Connection error\.|APITimeoutError: Request timed out\.)/;
const HTTPX = /\b(?:httpx|httpcore)\.(?:ConnectError|ConnectTimeout): (.+)$/;

const DETECTORS: readonly Detector[] = [
  // libpq tries every address of a host; the refusal, when there is one, says more than "cannot assign".
  (lines) =>
    at(findLastLine(lines, PG_REFUSED) ?? findLastLine(lines, PG_SERVER), (m) => ({
      host: m[1],
      port: Number(m[2]),
      reason: m[3] ?? '',
    })),
  (lines) => at(findLastLine(lines, PG_HOST), (m) => ({ host: m[1], reason: m[2] ?? '' })),
  (lines) => at(findLastLine(lines, REDIS), (m) => ({ host: m[1], port: Number(m[2]), reason: m[3] ?? '' })),
  (lines) =>
    at(findLastLine(lines, NODE_CONNECT), (m) => ({ host: m[2], port: Number(m[3]), reason: m[1] ?? '' })),
  (lines) => at(findLastLine(lines, NODE_DNS), (m) => ({ host: m[2], reason: m[1] ?? '' })),
  (lines) => at(findLastLine(lines, OPENAI), (m) => ({ reason: m[1] ?? '', client: 'openai' })),
  (lines) => at(findLastLine(lines, HTTPX), (m) => ({ reason: m[1] ?? '', client: 'http' })),
];

/** The newest connection failure; an OpenAI error wraps the httpx one below it and names the service. */
function lastAttempt(lines: readonly string[]): Attempt | undefined {
  const attempts = DETECTORS.map((detect) => detect(lines)).filter((a): a is Attempt => a !== undefined);
  const openai = attempts.some((a) => a.client === 'openai');
  const candidates = openai ? attempts.filter((a) => a.client !== 'http') : attempts;
  return candidates.sort((a, b) => b.index - a.index)[0];
}

function address(attempt: Attempt): string {
  if (attempt.host === undefined) return 'its service';
  return attempt.port === undefined ? attempt.host : `${attempt.host}:${attempt.port}`;
}

function givenIn(service: ServiceEndpoint): string {
  return service.envVars.length > 0 ? ` in ${service.envVars.join(', ')}` : '';
}

function envFor(service: ServiceEndpoint): string {
  return (
    service.envVars[0] ??
    conventionalEnvFor(service.name) ??
    `${service.name.toUpperCase().replaceAll('-', '_')}_URL`
  );
}

type Found = Pick<Diagnosis, 'subject' | 'summary' | 'remedy'>;

/** `REDIS_HOST (phases/30-redis.yaml)`. */
function named(carrier: Carrier): string {
  return `${carrier.entry.name} (${carrier.entry.file})`;
}

/** The entry written with the service's URL, else the attribute the app should read instead of its own. */
function setTo(service: ServiceEndpoint, carrier: Carrier): string {
  const attribute = carrier.part === 'url' ? 'url' : carrier.part === 'port' ? 'port' : 'host';
  return `\`${carrier.entry.name}: "\${services.${service.name}.${attribute}}"\``;
}

function declared(input: DiagnosisInput, attempt: Attempt, service: ServiceEndpoint): Found {
  const tried = attempt.host === undefined ? `${service.host}:${service.port}` : address(attempt);
  // The right host at the wrong port: the value came from somewhere, usually an env entry.
  const wrongPort =
    attempt.port !== undefined && attempt.port !== service.port
      ? entryCarryingPort(input, attempt.port)
      : undefined;
  if (wrongPort && attempt.port !== undefined) {
    return {
      subject: service.name,
      summary: `The app tried ${tried} (${attempt.reason}), the port ${named(wrongPort)} gives it, but '${service.name}' listens on ${service.port}.`,
      remedy: `Set ${setTo(service, wrongPort)} in ${wrongPort.entry.file}, so the port comes from the service itself.`,
    };
  }
  return {
    subject: service.name,
    summary: `The app could not reach service '${service.name}' at ${tried} (${attempt.reason}); it was given ${service.url}${givenIn(service)}.`,
    remedy:
      `Connect with the URL from ${envFor(service)} exactly as given and retry while ${service.name} starts; ` +
      `if it still fails, the service itself is at fault: read its log in the report.`,
  };
}

/**
 * The env vars that carry the service's whole URL (`${services.NAME.url}`), what an app should read an
 * address from; a var whose entry is not known is taken to.
 */
function urlEntries(input: DiagnosisInput, service: ServiceEndpoint): string[] {
  return service.envVars.filter((name) => {
    const entry = input.env.find((e) => e.name === name);
    return (
      entry === undefined ||
      referencedAttributes(entry).some((r) => r.service === service.name && r.attribute === 'url')
    );
  });
}

function loopback(input: DiagnosisInput, attempt: Attempt, service: ServiceEndpoint): Found {
  const where = describeLayer(input, layerUnderTest(input));
  const inside = 'inside a container, localhost is the app itself';
  // The wrong address came from the phase's own env: name that entry and the file that set it.
  const carrier =
    attempt.host === undefined ? undefined : entryCarryingHost(input, attempt.host, attempt.port);
  if (carrier) {
    return {
      subject: service.name,
      summary: `The app tried ${address(attempt)} (${attempt.reason}), the address ${named(carrier)} gives it, but '${service.name}' runs at ${service.host}:${service.port}.`,
      remedy: `Set ${setTo(service, carrier)} in ${carrier.entry.file}: ${inside}.`,
    };
  }
  // No entry holds localhost: the code does. Name what it should read instead.
  const urls = urlEntries(input, service);
  const pieces = service.envVars.filter((name) => !urls.includes(name));
  const pass =
    urls.length > 0
      ? `Read the URL from ${urls[0]} instead of a hard-coded localhost`
      : pieces.length > 0
        ? `The app is given ${pieces.join(', ')} but uses a hard-coded localhost for the rest of the address: read the host from an entry set to \`\${services.${service.name}.host}\`, or the whole URL from \`\${services.${service.name}.url}\``
        : `Pass the address in (add \`${envFor(service)}: "\${services.${service.name}.url}"\` under \`env:\` in ${where}) and read it instead of a hard-coded localhost`;
  return {
    subject: service.name,
    summary: `The app tried ${address(attempt)} (${attempt.reason}), but '${service.name}' runs at ${service.host}:${service.port}; it was given ${service.url}${givenIn(service)}.`,
    remedy: `${pass}: ${inside}.`,
  };
}

function undeclared(input: DiagnosisInput, attempt: Attempt, builtin: BuiltinName | undefined): Found {
  const where = describeLayer(input, layerUnderTest(input));
  const carrier =
    attempt.host === undefined ? undefined : entryCarryingHost(input, attempt.host, attempt.port);
  const given = carrier ? ` ${named(carrier)} gives the app ${address(attempt)}.` : '';
  const declare = builtin
    ? `Add \`services: { ${builtin}: {} }\` to ${where} and pass its address with \`env: { ${CONVENTIONAL_ENV[builtin]}: "\${services.${builtin}.url}" }\``
    : `Declare the service under \`services:\` in ${where} (postgres, redis and llm are built in; any other is \`{ image: ..., port: ... }\`) and pass its URL in \`env:\``;
  const local =
    attempt.host !== undefined && isLoopback(attempt.host)
      ? ' Inside a container, localhost is the app itself.'
      : '';
  return {
    subject: attempt.host === undefined ? (builtin ?? null) : address(attempt),
    summary: `The app could not reach ${attempt.client === 'openai' ? 'an OpenAI-compatible API' : address(attempt)} (${attempt.reason}), and phase '${input.phase}' declares no service there.`,
    remedy: `${declare}; the app must read that URL rather than assume one.${given}${local}`,
  };
}

function hostless(input: DiagnosisInput, attempt: Attempt): Found {
  const known = input.services.map((s) => `${s.name} at ${s.url}${givenIn(s)}`).join('; ');
  return {
    subject: null,
    summary: `The app's HTTP client could not connect (${attempt.reason}); the error does not say to which address.`,
    remedy: known
      ? `Check which URL the failing call uses against the services of phase '${input.phase}': ${known}.`
      : `Phase '${input.phase}' declares no services: declare the one the app calls under \`services:\` and pass its URL in \`env:\`.`,
  };
}

function explain(input: DiagnosisInput, attempt: Attempt): Found {
  if (attempt.client === 'openai') {
    const service = llmService(input);
    return service ? declared(input, attempt, service) : undeclared(input, attempt, 'llm');
  }
  if (attempt.host === undefined) return hostless(input, attempt);
  const match = serviceFor(input, attempt.host, attempt.port);
  if (match.kind === 'declared') return declared(input, attempt, match.service);
  if (match.kind === 'loopback') return loopback(input, attempt, match.service);
  return undeclared(input, attempt, match.builtin);
}

export const serviceUnreachableRule: DiagnosisRule = (input) => {
  // The app's log and its own commands' output; the failing check's message is about reaching the app itself.
  const lines = [...splitLines(input.appLog), ...splitLines(input.checkOutput)];
  const attempt = lastAttempt(lines);
  if (!attempt) return undefined;
  return { class: 'service-unreachable', ...explain(input, attempt), evidence: [attempt.line] };
};
