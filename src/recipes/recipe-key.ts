// A recipe's key: the sha256 of its canonical JSON (keys sorted at every level), so equal recipes have
// equal keys whatever order their fields were built in. Pure.
import { createHash } from 'node:crypto';
import type { Recipe } from './recipe.js';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

/** JSON with object keys sorted and undefined members left out, as JSON.stringify would. */
export function canonicalJson(value: unknown): string {
  const json = value as Json | undefined;
  if (json === null || typeof json !== 'object') return JSON.stringify(json) ?? 'null';
  if (Array.isArray(json)) return `[${json.map((item) => canonicalJson(item)).join(',')}]`;
  const members = Object.keys(json)
    .filter((key) => (json as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((json as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}

/** 64 hex digits; reports show the first 12. */
export function recipeKey(recipe: Recipe): string {
  return createHash('sha256').update(canonicalJson(recipe)).digest('hex');
}

export function shortKey(key: string): string {
  return key.slice(0, 12);
}
