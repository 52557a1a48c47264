import { awsContext } from './aws/context.ts';
import { awsPlans } from './aws/plans/index.ts';
import { replayAws } from './aws/replay-aws.ts';
import { azureContext } from './azure/context.ts';
import { azurePlans } from './azure/plans.ts';
import { createClock } from './clock.ts';
import { entraPlans } from './entra/plans.ts';
import { StratusReplayError } from './errors.ts';
import { gcpContext } from './gcp/context.ts';
import { gcpPlans } from './gcp/plans/index.ts';
import { createRandom } from './random.ts';
import { runSteps } from './run-steps.ts';
import type { ReplayBase, ReplayOptions, StratusTechnique } from './technique.ts';

const DEFAULT_START = '2026-03-10T13:00:00Z';

function records(technique: StratusTechnique, base: ReplayBase): Record<string, unknown>[] {
  const aws = awsPlans[technique.id];
  if (aws !== undefined) return replayAws(aws, technique, awsContext(base));
  const azure = azurePlans[technique.id] ?? entraPlans[technique.id];
  if (azure !== undefined) return runSteps(base, azure(azureContext(base)));
  const gcp = gcpPlans[technique.id];
  if (gcp !== undefined) return runSteps(base, gcp(gcpContext(base)));
  throw new StratusReplayError(
    `no replay plan for ${technique.id} (platform ${technique.platform}): techniques that leave only Kubernetes audit logs are out of scope`,
  );
}

/**
 * The native records a detonation of `technique` leaves in its cloud's audit logs, one JSON text
 * per record: CloudTrail records (AWS, and EKS access entries), Azure Activity and Entra ID
 * diagnostic records, Cloud Audit Logs LogEntries (GCP). Deterministic for a seed and start.
 */
export function replayTechnique(technique: StratusTechnique, options: ReplayOptions = {}): string[] {
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed))
    throw new StratusReplayError(`replay seed must be an integer, got ${seed}`);
  const rng = createRandom(seed, technique.id);
  const base: ReplayBase = {
    rng,
    clock: createClock(options.start ?? DEFAULT_START),
    stratusAgent: `stratus-red-team_${rng.uuid()}`,
    attackerIp: `185.220.101.${rng.int(2, 254)}`,
  };
  return records(technique, base).map((record) => JSON.stringify(record));
}
