import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/**
 * A secret's string through Powertools (`GetSecretValue`, cached a few seconds); a binary
 * secret is read as UTF-8. The value goes to the provider client only, never to a log.
 */
export async function readSecretString(id: string): Promise<string | undefined> {
  const value = await getSecret(id);
  if (value === undefined || typeof value === 'string') return value;
  return Buffer.from(value as Uint8Array).toString('utf8');
}
