import type { z } from 'zod';

interface Classified {
  class_uid: number;
  activity_id: number;
  type_uid: number;
}

/** OCSF defines `type_uid` as `class_uid * 100 + activity_id`; the issue names both numbers. */
export function typeUidChecked<T extends z.ZodObject>(schema: T): T {
  return schema.refine(
    (value) => {
      const e = value as unknown as Classified;
      return e.type_uid === e.class_uid * 100 + e.activity_id;
    },
    {
      path: ['type_uid'],
      error: (issue) => {
        const e = issue.input as Classified;
        return `expected class_uid * 100 + activity_id = ${e.class_uid * 100 + e.activity_id}, got ${e.type_uid}`;
      },
    },
  );
}
