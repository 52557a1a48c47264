import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { s3SetReader } from '@vigil/fn-intel-refresh/s3-sets';
import { createDynamoCache } from '@vigil/intel';
import { AuditStore, createResponder, loadGuardrails } from '@vigil/response';
import { readConfig } from './config.ts';
import { intelEnrich } from './enrich.ts';
import { readSecretString } from './secrets.ts';
import { createTasks } from './tasks.ts';

/**
 * Entry point of the respond Lambdas (bundled to index.mjs; each function's handler is one of
 * the exports below). Cold start reads the environment, the guardrails and the intel sets.
 */
const config = readConfig();
const clock = Date.now;
const logger = new Logger();
const guardrails = await loadGuardrails(config.guardrailsFile);
const tasks = createTasks({
  responder: createResponder({
    audit: new AuditStore(new DynamoDBClient({}), config.auditTable, clock),
    guardrails: { ...guardrails, dryRun: guardrails.dryRun || config.forceDryRun },
    sts: new STSClient({}),
    externalId: config.externalId,
    clock,
  }),
  // Only the enrich function is given the secrets, cache table and bucket (and may read them).
  enrich: await intelEnrich({
    clock,
    setsDir: config.intelSetsDir,
    ...(config.intelSecrets ? { secretIds: config.intelSecrets, getSecret: readSecretString } : {}),
    ...(config.intelSetsBucket ? { readSet: s3SetReader(new S3Client({}), config.intelSetsBucket) } : {}),
    ...(config.intelCacheTable
      ? { cache: createDynamoCache({ client: new DynamoDBClient({}), tableName: config.intelCacheTable }) }
      : {}),
    warn: (message, details) => logger.warn(message, details),
  }),
});

export const { enrich, decide, requestApproval, plan, execute, record, rollback } = tasks;
