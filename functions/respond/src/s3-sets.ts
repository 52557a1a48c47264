import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';

/**
 * Reads `<prefix><name>.txt` from the intel bucket, as intel-refresh wrote it; undefined when the
 * object does not exist yet (a first deployment before the first refresh). Other errors throw, so
 * `loadSets` falls back to the bundled copy of that set and says why.
 */
export function s3SetReader(
  client: S3Client,
  location: { bucket: string; prefix: string },
): (name: string) => Promise<string | undefined> {
  return async (name) => {
    try {
      const out = await client.send(
        new GetObjectCommand({ Bucket: location.bucket, Key: `${location.prefix}${name}.txt` }),
      );
      return await out.Body?.transformToString('utf8');
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  };
}
