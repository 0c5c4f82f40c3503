// The definition of each service kind.
import type { ServiceKind } from '../model.js';
import { customService } from './custom-service.js';
import { llmService } from './llm-service.js';
import { postgresService } from './postgres-service.js';
import { redisService } from './redis-service.js';
import type { ServiceDefinition } from './service-definition.js';

const DEFINITIONS: Readonly<Record<ServiceKind, ServiceDefinition>> = {
  postgres: postgresService,
  redis: redisService,
  llm: llmService,
  custom: customService,
};

export function serviceDefinition(kind: ServiceKind): ServiceDefinition {
  return DEFINITIONS[kind];
}
