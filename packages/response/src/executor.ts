import { AttachInstancesCommand, DetachInstancesCommand } from '@aws-sdk/client-auto-scaling';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  DeleteNetworkAclEntryCommand,
  DeleteTagsCommand,
  ModifyNetworkInterfaceAttributeCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import type { ResponderClients } from './aws-describer.ts';
import { CommandError, ThrottledError } from './errors.ts';
import type { AwsCall, Service } from './playbooks/types.ts';

// biome-ignore lint/suspicious/noExplicitAny: SDK command constructors take per-command input types.
type CommandClass = new (input: any) => any;

/** The only mutating calls playbooks may make; the responder role grants exactly these. */
export const MUTATING_CALLS: Record<Service, Record<string, CommandClass>> = {
  iam: {
    UpdateAccessKey: UpdateAccessKeyCommand,
    PutUserPolicy: PutUserPolicyCommand,
    PutRolePolicy: PutRolePolicyCommand,
    DeleteUserPolicy: DeleteUserPolicyCommand,
    DeleteRolePolicy: DeleteRolePolicyCommand,
    DeleteLoginProfile: DeleteLoginProfileCommand,
    AttachUserPolicy: AttachUserPolicyCommand,
    DetachUserPolicy: DetachUserPolicyCommand,
  },
  ec2: {
    RevokeSecurityGroupIngress: RevokeSecurityGroupIngressCommand,
    AuthorizeSecurityGroupIngress: AuthorizeSecurityGroupIngressCommand,
    RevokeSecurityGroupEgress: RevokeSecurityGroupEgressCommand,
    CreateSecurityGroup: CreateSecurityGroupCommand,
    CreateNetworkAclEntry: CreateNetworkAclEntryCommand,
    DeleteNetworkAclEntry: DeleteNetworkAclEntryCommand,
    ModifyNetworkInterfaceAttribute: ModifyNetworkInterfaceAttributeCommand,
    CreateSnapshot: CreateSnapshotCommand,
    CreateTags: CreateTagsCommand,
    DeleteTags: DeleteTagsCommand,
  },
  autoscaling: {
    DetachInstances: DetachInstancesCommand,
    AttachInstances: AttachInstancesCommand,
  },
};

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'SlowDown',
]);

/** Maps an SDK error to ThrottledError (retried by the state machine) or CommandError (not retried). */
export function classifyAwsError(error: unknown, what: string): Error {
  const name = (error as { name?: string }).name ?? 'Error';
  const message = `${what}: ${name}: ${(error as Error).message ?? String(error)}`;
  return THROTTLING.has(name)
    ? new ThrottledError(message, { cause: error })
    : new CommandError(message, { cause: error });
}

function substitute(value: unknown, saved: Record<string, string>): unknown {
  if (typeof value === 'string')
    return value.replace(/\{\{(\w+)\}\}/g, (m, name: string) => saved[name] ?? m);
  if (Array.isArray(value)) return value.map((v) => substitute(v, saved));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, saved)]));
  }
  return value;
}

export interface CallResult {
  name: string;
  /** Output fields worth keeping in the audit (ids the call created). */
  output: Record<string, unknown>;
}

export interface ExecuteProgress {
  /** Calls already done by an earlier attempt: skipped, so a retry never repeats a call. */
  done: number;
  saved: Record<string, string>;
  results: CallResult[];
}

const KEEP = ['GroupId', 'SnapshotId', 'SecurityGroupRules', 'Return'];

/**
 * Runs calls in order from `progress.done`, reporting after each one so the caller can
 * persist progress: a retry after throttling resumes where it stopped.
 */
export async function executeCalls(
  calls: readonly AwsCall[],
  clients: ResponderClients,
  progress: ExecuteProgress,
  onStep: (progress: ExecuteProgress) => Promise<void>,
): Promise<ExecuteProgress> {
  let state = progress;
  for (let i = state.done; i < calls.length; i++) {
    const call = calls[i]!;
    const Command = MUTATING_CALLS[call.service]?.[call.name];
    if (!Command) throw new CommandError(`${call.service}:${call.name} is not a call playbooks may make`);
    const input = substitute(call.input, state.saved) as Record<string, unknown>;
    let output: Record<string, unknown>;
    try {
      output = await (clients[call.service] as { send(c: unknown): Promise<Record<string, unknown>> }).send(
        new Command(input),
      );
    } catch (error) {
      throw classifyAwsError(error, `${call.service}:${call.name}`);
    }
    const kept = Object.fromEntries(KEEP.filter((k) => output?.[k] !== undefined).map((k) => [k, output[k]]));
    const saved = { ...state.saved };
    if (call.saveAs) saved[call.saveAs.name] = String(output?.[call.saveAs.field] ?? '');
    state = { done: i + 1, saved, results: [...state.results, { name: call.name, output: kept }] };
    await onStep(state);
  }
  return state;
}
