import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { STSClient } from '@aws-sdk/client-sts';
import { AuditStore, createResponder, loadGuardrails } from '@vigil/response';
import { readConfig } from './config.ts';
import { intelEnrich } from './enrich.ts';
import { createTasks } from './tasks.ts';

/**
 * Entry point of the respond Lambdas (bundled to index.mjs; each function's handler is one of
 * the exports below). Cold start reads the environment, the guardrails and the intel sets.
 */
const config = readConfig();
const clock = Date.now;
const guardrails = await loadGuardrails(config.guardrailsFile);
const tasks = createTasks({
  responder: createResponder({
    audit: new AuditStore(new DynamoDBClient({}), config.auditTable, clock),
    guardrails: { ...guardrails, dryRun: guardrails.dryRun || config.forceDryRun },
    sts: new STSClient({}),
    externalId: config.externalId,
    clock,
  }),
  enrich: await intelEnrich(clock, config.intelSetsDir),
});

export const { enrich, decide, requestApproval, plan, execute, record, rollback } = tasks;
