import { readdirSync, readFileSync } from 'node:fs';

/**
 * Reads the official OCSF 1.8.0 definitions copied into `packages/schema/ocsf-schema` and resolves
 * them the way the OCSF schema server does: `$include`d profile attributes are annotated with their
 * profile and overlaid by the including file, `extends` chains are deep-merged (child wins, so
 * `"profile": null` in a class frees an attribute from its profile), the dictionary entry sits
 * under every attribute, and attributes of profiles that are not applied are dropped.
 */

const ROOT = new URL('../ocsf-schema/', import.meta.url);

type Json = Record<string, unknown>;

interface RawDefinition {
  name: string;
  caption: string;
  extends?: string;
  uid?: number;
  category?: string;
  meta?: string;
  attributes: Json;
  constraints?: { at_least_one?: string[]; just_one?: string[] };
}

export type ScalarType = 'string_t' | 'integer_t' | 'long_t' | 'float_t' | 'boolean_t' | 'json_t';

export interface OcsfAttribute {
  readonly name: string;
  readonly requirement: 'required' | 'recommended' | 'optional';
  /** The type as the schema writes it: a scalar like `port_t` or an object name like `user`. */
  readonly type: string;
  /** Set for scalars: the primitive the type derives from (`port_t` → `integer_t`). */
  readonly scalarType?: ScalarType;
  /** Set for objects: the object name (`object` for the free-form `unmapped`). */
  readonly objectType?: string;
  readonly isArray: boolean;
  /** id → caption, the class/object enum merged over the dictionary one. */
  readonly enum?: ReadonlyMap<number, string>;
  /** The profile that contributes the attribute; undefined for core attributes. */
  readonly profile?: string;
}

export interface OcsfDefinition {
  readonly name: string;
  readonly caption: string;
  readonly attributes: ReadonlyMap<string, OcsfAttribute>;
  readonly atLeastOne?: readonly string[];
  readonly justOne?: readonly string[];
}

export interface OcsfClassDefinition extends OcsfDefinition {
  readonly classUid: number;
  readonly categoryUid: number;
  readonly categoryCaption: string;
}

const fileCache = new Map<string, unknown>();
function readJson<T>(relative: string): T {
  let value = fileCache.get(relative);
  if (value === undefined) {
    value = JSON.parse(readFileSync(new URL(relative, ROOT), 'utf8'));
    fileCache.set(relative, value);
  }
  return value as T;
}

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

let eventFiles: Map<string, string> | undefined;
/** Class files are found by their `name`, wherever they sit under `events/`. */
function eventFile(name: string): string {
  if (!eventFiles) {
    eventFiles = new Map();
    for (const entry of readdirSync(new URL('events/', ROOT), { recursive: true })) {
      const path = `events/${String(entry)}`;
      if (path.endsWith('.json')) eventFiles.set(readJson<RawDefinition>(path).name, path);
    }
  }
  const path = eventFiles.get(name);
  if (!path) throw new Error(`OCSF reference: no class named ${name} under events/`);
  return path;
}

function withIncludes(attributes: Json): Json {
  const { $include, ...own } = attributes;
  let included: Json = {};
  for (const file of ($include as string[] | undefined) ?? []) {
    const inc = readJson<RawDefinition>(file);
    const annotated: Json = {};
    for (const [k, v] of Object.entries(inc.attributes)) {
      annotated[k] = inc.meta === 'profile' ? { ...(v as Json), profile: inc.name } : v;
    }
    included = deepMerge(included, annotated);
  }
  return deepMerge(included, own);
}

function resolveRaw(path: string, lookup: (name: string) => string): RawDefinition {
  const raw = readJson<RawDefinition>(path);
  const own = { ...raw, attributes: withIncludes(raw.attributes) };
  if (!raw.extends) return own;
  const parent = resolveRaw(lookup(raw.extends), lookup);
  return {
    ...parent,
    ...own,
    attributes: deepMerge(parent.attributes, own.attributes),
    constraints: raw.constraints ?? parent.constraints,
  };
}

interface Dictionary {
  attributes: Record<string, Json>;
  types: { attributes: Record<string, { type?: string }> };
}

function scalarOf(type: string, dictionary: Dictionary): ScalarType {
  const parent = dictionary.types.attributes[type];
  if (!parent) throw new Error(`OCSF reference: unknown type ${type}`);
  return parent.type ? scalarOf(parent.type, dictionary) : (type as ScalarType);
}

function toAttribute(name: string, merged: Json, dictionary: Dictionary): OcsfAttribute {
  const type = merged.type as string;
  const rawEnum = merged.enum as Record<string, { caption: string }> | undefined;
  return {
    name,
    requirement: (merged.requirement as OcsfAttribute['requirement'] | undefined) ?? 'optional',
    type,
    ...(type.endsWith('_t') ? { scalarType: scalarOf(type, dictionary) } : { objectType: type }),
    isArray: merged.is_array === true,
    ...(rawEnum && {
      enum: new Map(Object.entries(rawEnum).map(([id, e]) => [Number(id), e.caption] as const)),
    }),
    ...(typeof merged.profile === 'string' && { profile: merged.profile }),
  };
}

function finish(raw: RawDefinition, profiles: readonly string[]): OcsfDefinition {
  const dictionary = readJson<Dictionary>('dictionary.json');
  const attributes = new Map<string, OcsfAttribute>();
  for (const [name, attr] of Object.entries(raw.attributes)) {
    const profile = (attr as Json).profile;
    if (typeof profile === 'string' && !profiles.includes(profile)) continue;
    const base = dictionary.attributes[name];
    if (!base) throw new Error(`OCSF reference: ${raw.name}.${name} is not in dictionary.json`);
    attributes.set(name, toAttribute(name, deepMerge(base, attr as Json), dictionary));
  }
  return {
    name: raw.name,
    caption: raw.caption,
    attributes,
    ...(raw.constraints?.at_least_one && { atLeastOne: raw.constraints.at_least_one }),
    ...(raw.constraints?.just_one && { justOne: raw.constraints.just_one }),
  };
}

/** An event class by its file name (`api_activity`), with `profiles` applied. */
export function ocsfClass(name: string, profiles: readonly string[]): OcsfClassDefinition {
  const raw = resolveRaw(eventFile(name), eventFile);
  const categories = readJson<{ attributes: Record<string, { uid: number; caption: string }> }>(
    'categories.json',
  );
  const category = raw.category ? categories.attributes[raw.category] : undefined;
  if (!category || raw.uid === undefined)
    throw new Error(`OCSF reference: ${name} is not a concrete class (category ${raw.category})`);
  return {
    ...finish(raw, profiles),
    classUid: category.uid * 1000 + raw.uid,
    categoryUid: category.uid,
    categoryCaption: category.caption,
  };
}

const objectCache = new Map<string, OcsfDefinition>();
/** An object by name (`network_endpoint`), with `profiles` applied. */
export function ocsfObject(name: string, profiles: readonly string[]): OcsfDefinition {
  const key = `${name}|${profiles.join(',')}`;
  let def = objectCache.get(key);
  if (!def) {
    const path = (n: string) => `objects/${n}.json`;
    def = finish(resolveRaw(path(name), path), profiles);
    objectCache.set(key, def);
  }
  return def;
}

/** Source of the copy, as recorded when it was taken from ocsf/ocsf-schema. */
export function ocsfManifest(): { schema_repo: string; tag: string; commit: string; version: string } {
  return readJson('MANIFEST.json');
}
