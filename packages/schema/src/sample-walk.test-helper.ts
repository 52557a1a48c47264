import { type OcsfDefinition, ocsfObject } from './ocsf-reference.test-helper.ts';

export type Path = readonly (string | number)[];

/** One object inside a sample event, with the official definition that governs it. */
export interface SampleNode {
  readonly label: string;
  readonly path: Path;
  readonly value: Readonly<Record<string, unknown>>;
  readonly def: OcsfDefinition;
}

export function pathLabel(path: Path): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/** Every object in `sample` (the event itself first), found by following official object types. */
export function sampleNodes(sample: object, root: OcsfDefinition, profiles: readonly string[]): SampleNode[] {
  const nodes: SampleNode[] = [];
  const visit = (path: Path, value: Record<string, unknown>, def: OcsfDefinition) => {
    nodes.push({ label: pathLabel(path), path, value, def });
    for (const [key, child] of Object.entries(value)) {
      const objectType = def.attributes.get(key)?.objectType;
      if (!objectType || objectType === 'object') continue;
      const childDef = ocsfObject(objectType, profiles);
      if (!Array.isArray(child)) visit([...path, key], child as Record<string, unknown>, childDef);
      else for (const [i, item] of child.entries()) visit([...path, key, i], item, childDef);
    }
  };
  visit([], sample as Record<string, unknown>, root);
  return nodes;
}

/** A deep copy of `sample` with `edit` applied to the object at `path`. */
export function editedAt(sample: object, path: Path, edit: (node: Record<string, unknown>) => void): unknown {
  // Not structuredClone: it keeps shared references, and samples reuse objects (actor.user, user).
  const copy = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const step of path) node = node[step] as Record<string | number, unknown>;
  edit(node as Record<string, unknown>);
  return copy;
}
