import { SET_DEFINITIONS } from '@vigil/intel';
import { expect } from 'vitest';

/**
 * Matches a statement's Resource list that names every intel set object of the bucket by name
 * (`<bucket>/sets/<name>.txt`) and nothing else, in whatever order CDK writes them.
 */
export function everySetObject(bucketArn: unknown): unknown {
  return expect.toSatisfy(
    (resources: unknown[]) =>
      resources.length === SET_DEFINITIONS.length &&
      SET_DEFINITIONS.every((set) =>
        resources.some(
          (r) =>
            JSON.stringify(r) === JSON.stringify({ 'Fn::Join': ['', [bucketArn, `/sets/${set.name}.txt`]] }),
        ),
      ),
  );
}
