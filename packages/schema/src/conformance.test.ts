import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CLASS_PROFILES } from './constants.ts';
import { accountChange, apiActivity, authentication, networkActivity } from './events.ts';
import { detectionFinding } from './finding.ts';
import {
  type OcsfAttribute,
  type OcsfDefinition,
  ocsfClass,
  ocsfObject,
  type ScalarType,
} from './ocsf-reference.test-helper.ts';
import {
  accountChangeSamples,
  apiActivitySamples,
  authenticationSamples,
  detectionFindingSamples,
  networkActivitySamples,
} from './ocsf-samples.test-helper.ts';
import { sampleNodes } from './sample-walk.test-helper.ts';
import { fieldShape, literalValues, type ZodKind, zodKind } from './zod-shape.test-helper.ts';

const classes = [
  { className: 'api_activity', schema: apiActivity, uid: 6003, full: apiActivitySamples.full },
  { className: 'authentication', schema: authentication, uid: 3002, full: authenticationSamples.full },
  { className: 'account_change', schema: accountChange, uid: 3001, full: accountChangeSamples.full },
  { className: 'network_activity', schema: networkActivity, uid: 4001, full: networkActivitySamples.full },
  { className: 'detection_finding', schema: detectionFinding, uid: 2004, full: detectionFindingSamples.full },
] as const;

/** One zod object reachable from a class schema, paired with the official definition it models. */
interface SchemaNode {
  readonly path: readonly string[];
  readonly schema: z.ZodObject;
  readonly def: OcsfDefinition;
}

function schemaNodes(
  schema: z.ZodObject,
  def: OcsfDefinition,
  profiles: readonly string[],
  path: readonly string[],
): SchemaNode[] {
  const nodes: SchemaNode[] = [{ path, schema, def }];
  for (const [key, field] of Object.entries(schema.shape)) {
    const objectType = def.attributes.get(key)?.objectType;
    const { inner } = fieldShape(field as z.ZodType);
    if (objectType && objectType !== 'object' && inner instanceof z.ZodObject)
      nodes.push(...schemaNodes(inner, ocsfObject(objectType, profiles), profiles, [...path, key]));
  }
  return nodes;
}

const perClass = classes.map((c) => {
  const profiles = CLASS_PROFILES[c.uid];
  const def = ocsfClass(c.className, profiles);
  return { ...c, profiles, def, nodes: schemaNodes(c.schema, def, profiles, []) };
});

// Objects are shared between classes; each (schema, definition, profiles) triple is checked once.
const seen = new Set<string>();
const ids = new Map<z.ZodObject, number>();
const nodes = perClass.flatMap((c) =>
  c.nodes
    .filter((n) => {
      if (!ids.has(n.schema)) ids.set(n.schema, ids.size);
      const key = `${ids.get(n.schema)}|${n.def.name}|${c.profiles.join(',')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((n) => [`${c.className}: ${n.path.join('.') || '(event)'} (${n.def.name})`, n] as const),
);

const kindOf: Record<ScalarType, ZodKind> = {
  string_t: 'string',
  integer_t: 'integer',
  long_t: 'integer',
  float_t: 'number',
  boolean_t: 'boolean',
  json_t: 'unknown',
};

function expectedKind(attr: OcsfAttribute): ZodKind {
  if (attr.scalarType) return kindOf[attr.scalarType];
  return attr.objectType === 'object' ? 'record' : 'object';
}

/** class_uid and category_uid carry computed values, not the base_event enum; checked per class below. */
const CLASSIFICATION_UIDS = new Set(['class_uid', 'category_uid']);

describe('zod schemas conform to OCSF 1.8.0', () => {
  it.each(nodes)('%s: every attribute is defined by OCSF', (_, { schema, def }) => {
    // Act
    const invented = Object.keys(schema.shape).filter((k) => !def.attributes.has(k));

    // Assess
    expect(invented).toEqual([]);
  });

  it.each(nodes)('%s: every attribute OCSF requires is required', (_, { schema, def }) => {
    // Act
    const loose = [...def.attributes.values()]
      .filter((a) => a.requirement === 'required')
      .filter((a) => {
        const field = schema.shape[a.name] as z.ZodType | undefined;
        return !field || fieldShape(field).optional;
      })
      .map((a) => a.name);

    // Assess
    expect(loose).toEqual([]);
  });

  it.each(nodes)('%s: every attribute has its OCSF type and arity', (_, { schema, def }) => {
    // Act
    const mismatches = Object.entries(schema.shape).flatMap(([key, field]) => {
      const attr = def.attributes.get(key);
      if (!attr) return [];
      const shape = fieldShape(field as z.ZodType);
      const got = `${zodKind(shape.inner)}${shape.array ? '[]' : ''}`;
      const want = `${expectedKind(attr)}${attr.isArray ? '[]' : ''}`;
      return got === want
        ? []
        : [`${key}: OCSF ${attr.type}${attr.isArray ? '[]' : ''} wants ${want}, got ${got}`];
    });

    // Assess
    expect(mismatches).toEqual([]);
  });

  it.each(nodes)('%s: every literal allowed is an id of the OCSF enum', (_, { schema, def }) => {
    // Act
    const stray = Object.entries(schema.shape).flatMap(([key, field]) => {
      const literals = literalValues(fieldShape(field as z.ZodType).inner);
      if (!literals || CLASSIFICATION_UIDS.has(key)) return [];
      const ids = def.attributes.get(key)?.enum;
      if (!ids) return [`${key}: constrained to literals but OCSF defines no enum`];
      return literals.filter((v) => !ids.has(v as number)).map((v) => `${key}: ${String(v)}`);
    });

    // Assess
    expect(stray).toEqual([]);
  });
});

describe.each(perClass)('$className classification', ({ schema, def, full, nodes: classNodes, profiles }) => {
  it('pins class_uid to category uid * 1000 + class uid and category_uid to the category uid', () => {
    // Act
    const classUid = [...schema.shape.class_uid.values];
    const categoryUid = [...schema.shape.category_uid.values];

    // Assess
    expect({ classUid, categoryUid }).toEqual({ classUid: [def.classUid], categoryUid: [def.categoryUid] });
  });

  it('has a full sample that reaches every object schema the class uses', () => {
    // Prepare
    const reached = new Set(
      sampleNodes(full, def, profiles).map((n) => n.path.filter((p) => typeof p === 'string').join('.')),
    );
    const pathsBySchema = new Map<z.ZodObject, SchemaNode[]>();
    for (const n of classNodes) pathsBySchema.set(n.schema, [...(pathsBySchema.get(n.schema) ?? []), n]);

    // Act
    const unreached = [...pathsBySchema.values()]
      .filter((group) => !group.some((n) => reached.has(n.path.join('.'))))
      .map((group) => `${group[0]?.path.join('.')} (${group[0]?.def.name})`);

    // Assess
    expect(unreached).toEqual([]);
  });
});
