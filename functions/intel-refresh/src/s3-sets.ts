import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';

/** Where the sets live: the bucket and the key prefix (`VIGIL_INTEL_SETS_BUCKET`, `VIGIL_INTEL_SETS_PREFIX`). */
export interface SetsLocation {
  bucket: string;
  prefix: string;
}

/** The object key of one set; the refresh writes it and every reader reads it. */
export function setObjectKey(prefix: string, name: string): string {
  return `${prefix}${name}.txt`;
}

/**
 * Reads `<prefix><name>.txt` from the intel bucket, as intel-refresh wrote it; undefined when the
 * object does not exist yet (a first deployment before the first refresh). Other errors throw, so
 * `loadSets` falls back to the bundled copy of that set and says why. Shared by the readers
 * (detect, triage enrich) through `@vigil/fn-intel-refresh/s3-sets`.
 */
export function s3SetReader(
  client: S3Client,
  location: SetsLocation,
): (name: string) => Promise<string | undefined> {
  return async (name) => {
    try {
      const out = await client.send(
        new GetObjectCommand({ Bucket: location.bucket, Key: setObjectKey(location.prefix, name) }),
      );
      return await out.Body?.transformToString('utf8');
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  };
}
