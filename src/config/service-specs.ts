// A phase's validated `services:` mapping into ServiceSpecs: the built-in postgres, redis and llm, or any
// image with a port.
import type { FromSchema } from 'json-schema-to-ts';
import { BUILTIN_SERVICES, type ServiceKind, type ServiceSpec } from '../model.js';
import type { PhaseData } from './schemas/schemas.js';
import type { servicesSchema } from './schemas/services-schema.js';
import type { YamlFile } from './yaml-file.js';

/** Ports the built-in services listen on inside the run's network. */
export const BUILTIN_PORTS: Readonly<Record<Exclude<ServiceKind, 'custom'>, number>> = {
  postgres: 5432,
  redis: 6379,
  llm: 8080,
};

type CustomService = FromSchema<(typeof servicesSchema)['additionalProperties']>;

export function serviceSpecs(
  services: NonNullable<PhaseData['services']>,
  phase: string,
  file: YamlFile,
): ServiceSpec[] {
  return Object.entries(services).map(([name, value]): ServiceSpec => {
    const position = file.keyPosition(['services', name]);
    if ((BUILTIN_SERVICES as readonly string[]).includes(name)) {
      const kind = name as Exclude<ServiceKind, 'custom'>;
      const strictKey = kind === 'llm' ? services.llm?.strict_key : undefined;
      return {
        name,
        kind,
        port: BUILTIN_PORTS[kind],
        env: {},
        ...(strictKey !== undefined ? { strictKey } : {}),
        phase,
        position,
      };
    }
    const custom = value as CustomService;
    const ready = custom.ready;
    return {
      name,
      kind: 'custom',
      image: custom.image,
      port: custom.port,
      env: Object.fromEntries(Object.entries(custom.env ?? {}).map(([k, v]) => [k, String(v)])),
      ready:
        ready === undefined || 'tcp' in ready
          ? { kind: 'tcp', port: ready?.tcp ?? custom.port }
          : 'http' in ready
            ? { kind: 'http', path: ready.http, port: custom.port }
            : 'exec' in ready
              ? { kind: 'exec', command: ready.exec }
              : { kind: 'log', text: ready.log },
      phase,
      position,
    };
  });
}
