import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ocsfClass } from './ocsf-reference.test-helper.ts';
import { editedAt, type Path, pathLabel, sampleNodes } from './sample-walk.test-helper.ts';

export interface SampleSuite {
  /** Our export, e.g. `apiActivity`. */
  readonly label: string;
  readonly schema: z.ZodType;
  /** The official class file name, e.g. `api_activity`. */
  readonly className: string;
  readonly profiles: readonly string[];
  readonly samples: { readonly minimal: object; readonly full: object };
}

function issuePaths(result: z.ZodSafeParseResult<unknown>): PropertyKey[][] {
  return result.error?.issues.map((i) => i.path) ?? [];
}

/**
 * Registers the sample-driven conformance tests for one class: the samples pass, a wrong type_uid
 * fails, and for every object in the full sample, dropping an attribute OCSF requires or every
 * attribute of an `at_least_one` constraint fails at that object, while keeping any single
 * constrained attribute passes.
 */
export function describeSamples(suite: SampleSuite): void {
  const { schema, samples } = suite;
  const nodes = sampleNodes(samples.full, ocsfClass(suite.className, suite.profiles), suite.profiles);
  const required = nodes.flatMap((node) =>
    [...node.def.attributes.values()]
      .filter((a) => a.requirement === 'required' && a.name in node.value)
      .map((a) => [`${node.label} ${a.name}`, node, a.name] as const),
  );
  const constrained = nodes
    .filter((node) => node.def.atLeastOne)
    .map((node) => [`${node.label} (OCSF ${node.def.name})`, node] as const);
  const keepOne = constrained.flatMap(([, node]) =>
    (node.def.atLeastOne ?? [])
      .filter((k) => k in node.value)
      .map((keep) => [`${node.label} with only ${keep}`, node, keep] as const),
  );

  describe(`${suite.label} samples (OCSF ${suite.className})`, () => {
    it.each(['minimal', 'full'] as const)('accepts the %s sample', (which) => {
      // Act
      const result = schema.safeParse(samples[which]);

      // Assess
      expect(result.error?.issues).toBeUndefined();
    });

    it('rejects a type_uid that is not class_uid * 100 + activity_id', () => {
      // Prepare
      const event = editedAt(samples.full, [], (e) => {
        e.type_uid = (e.type_uid as number) + 1;
      });

      // Act
      const result = schema.safeParse(event);

      // Assess
      expect(issuePaths(result)).toEqual([['type_uid']]);
    });

    it.each(required)('rejects the full sample without required %s', (_, node, name) => {
      // Prepare
      const event = editedAt(samples.full, node.path, (o) => {
        delete o[name];
      });

      // Act
      const result = schema.safeParse(event);

      // Assess
      expect(issuePaths(result)).toContainEqual([...node.path, name]);
    });

    it.each(constrained)('rejects %s without any at_least_one attribute', (_, node) => {
      // Prepare
      const event = editedAt(samples.full, node.path, (o) => {
        for (const k of node.def.atLeastOne ?? []) delete o[k];
      });

      // Act
      const result = schema.safeParse(event);

      // Assess: the constraint fails at the object, or at the one attribute our schema always requires
      const where = (result.error?.issues ?? []).map((i) => pathLabel(i.path as Path));
      const allowed = [node.label, ...(node.def.atLeastOne ?? []).map((k) => pathLabel([...node.path, k]))];
      expect(where.length).toBeGreaterThan(0);
      expect(where.filter((w) => !allowed.includes(w))).toEqual([]);
    });

    it.each(keepOne)('accepts %s of its at_least_one attributes', (_, node, keep) => {
      // Prepare
      const event = editedAt(samples.full, node.path, (o) => {
        for (const k of node.def.atLeastOne ?? []) if (k !== keep) delete o[k];
      });

      // Act
      const result = schema.safeParse(event);

      // Assess
      expect(result.error?.issues).toBeUndefined();
    });
  });
}
