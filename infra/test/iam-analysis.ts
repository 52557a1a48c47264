/**
 * Reads IAM out of synthesized templates, generically: which tables and secrets each role's
 * statements reach, and which of them the role's own functions (environment) or state machines
 * (definition) reference. A statement reaching a table or secret its principal does not name is
 * a least-privilege violation, however many functions and stacks the app grows.
 */
type Json = unknown;
type Resources = Record<string, { Type: string; Properties?: Record<string, Json> }>;
export interface StackTemplate {
  Resources: Resources;
  Outputs?: Record<string, { Value: Json; Export?: { Name: Json } }>;
}

export const GUARDED_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::SecretsManager::Secret',
]);
const GUARDED_SERVICES = ['dynamodb:', 'secretsmanager:'];

export interface Violation {
  stack: string;
  resource: string;
  problem: string;
}

type Statement = { Effect: string; Action?: Json; Resource?: Json; Principal?: Json };

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export class IamAnalysis {
  private readonly types = new Map<string, string>();
  private readonly exports = new Map<string, Set<string>>();
  private readonly outputs = new Map<string, Set<string>>();

  constructor(private readonly templates: ReadonlyMap<string, StackTemplate>) {
    for (const [stack, template] of templates) {
      for (const [id, resource] of Object.entries(template.Resources))
        this.types.set(`${stack}/${id}`, resource.Type);
    }
    for (const [stack, template] of templates) {
      for (const [name, output] of Object.entries(template.Outputs ?? {})) {
        const refs = this.refs(output.Value, stack);
        this.outputs.set(`${stack}/${name}`, refs);
        if (typeof output.Export?.Name === 'string') this.exports.set(output.Export.Name, refs);
      }
    }
  }

  /**
   * Every resource a template value points at, as `stack/logicalId`: Ref, GetAtt, and another
   * stack's output, read by export (Fn::ImportValue) or by name (Fn::GetStackOutput, weak references).
   */
  refs(value: Json, stack: string, into = new Set<string>()): Set<string> {
    if (Array.isArray(value)) {
      for (const item of value) this.refs(item, stack, into);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, Json>;
      if (typeof record.Ref === 'string' && this.types.has(`${stack}/${record.Ref}`))
        into.add(`${stack}/${record.Ref}`);
      const getAtt = record['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') into.add(`${stack}/${getAtt[0]}`);
      const imported = record['Fn::ImportValue'];
      if (typeof imported === 'string') for (const ref of this.exports.get(imported) ?? []) into.add(ref);
      const output = record['Fn::GetStackOutput'] as { StackName?: Json; OutputName?: Json } | undefined;
      if (typeof output?.StackName === 'string' && typeof output.OutputName === 'string') {
        for (const ref of this.outputs.get(`${output.StackName}/${output.OutputName}`) ?? []) into.add(ref);
      }
      for (const [key, child] of Object.entries(record)) if (key !== 'Ref') this.refs(child, stack, into);
    }
    return into;
  }

  private guarded(refs: Iterable<string>): Set<string> {
    return new Set([...refs].filter((ref) => GUARDED_TYPES.has(this.types.get(ref) ?? '')));
  }

  /** Tables and secrets the role's functions and state machines name, which its policies may reach. */
  allowedFor(role: string): Set<string> {
    const allowed = new Set<string>();
    for (const [stack, template] of this.templates) {
      for (const resource of Object.values(template.Resources)) {
        const props = resource.Properties ?? {};
        if (resource.Type === 'AWS::Lambda::Function' && this.refs(props.Role, stack).has(role)) {
          for (const ref of this.guarded(this.refs(props.Environment, stack))) allowed.add(ref);
        }
        if (
          resource.Type === 'AWS::StepFunctions::StateMachine' &&
          this.refs(props.RoleArn, stack).has(role)
        ) {
          const definition = [props.DefinitionString, props.Definition, props.DefinitionSubstitutions];
          for (const ref of this.guarded(this.refs(definition, stack))) allowed.add(ref);
        }
      }
    }
    return allowed;
  }

  /** Identity policies: wildcard actions, and tables or secrets reached by a role that does not name them. */
  identityViolations(): Violation[] {
    const violations: Violation[] = [];
    for (const [stack, template] of this.templates) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        const props = resource.Properties ?? {};
        const attached: { roles: Set<string>; statements: Statement[] }[] = [];
        if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
          attached.push({
            roles: this.refs(props.Roles, stack),
            statements: asArray((props.PolicyDocument as { Statement: Statement[] }).Statement),
          });
        }
        if (resource.Type === 'AWS::IAM::Role') {
          for (const policy of asArray(props.Policies as { PolicyDocument: { Statement: Statement[] } }[])) {
            attached.push({
              roles: new Set([`${stack}/${id}`]),
              statements: asArray(policy.PolicyDocument.Statement),
            });
          }
        }
        for (const { roles, statements } of attached) {
          for (const statement of statements) {
            if (statement.Effect !== 'Allow') continue;
            const actions = asArray(statement.Action as string | string[]);
            for (const action of actions) {
              if (action === '*' || /^[\w-]+:\*$/.test(action)) {
                violations.push({ stack, resource: id, problem: `allows wildcard action ${action}` });
              }
            }
            const reached = this.guarded(this.refs(statement.Resource, stack));
            for (const role of roles) {
              const allowed = this.allowedFor(role);
              for (const target of reached) {
                if (!allowed.has(target)) {
                  violations.push({
                    stack,
                    resource: id,
                    problem: `${role} reaches ${target}, which none of its functions names`,
                  });
                }
              }
            }
            if (actions.some((action) => GUARDED_SERVICES.some((service) => action.startsWith(service)))) {
              for (const target of asArray(statement.Resource)) {
                if (this.guarded(this.refs(target, stack)).size === 0) {
                  violations.push({
                    stack,
                    resource: id,
                    problem: `grants ${actions.join(',')} on ${JSON.stringify(target)}, not a named table or secret`,
                  });
                }
              }
            }
          }
        }
      }
    }
    return violations;
  }

  /**
   * Resource policies (keys, buckets, queues, topics, buses, log destinations) never allow `*` or a
   * whole service, except the key-policy statement that delegates a key to its own account's IAM.
   */
  resourcePolicyViolations(): Violation[] {
    const violations: Violation[] = [];
    const documents: Record<string, string> = {
      'AWS::KMS::Key': 'KeyPolicy',
      'AWS::S3::BucketPolicy': 'PolicyDocument',
      'AWS::SQS::QueuePolicy': 'PolicyDocument',
      'AWS::SNS::TopicPolicy': 'PolicyDocument',
      'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
    };
    for (const [stack, template] of this.templates) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        const props = resource.Properties ?? {};
        let statements: Statement[] = [];
        if (documents[resource.Type] !== undefined) {
          statements = asArray((props[documents[resource.Type]!] as { Statement: Statement[] }).Statement);
        } else if (resource.Type === 'AWS::Events::EventBusPolicy') {
          statements = asArray(props.Statement as Statement);
        } else if (resource.Type === 'AWS::Logs::Destination') {
          // The policy is a JSON string (joined with tokens): look for "*" or "service:*" as an action.
          const policy = JSON.stringify(props.DestinationPolicy ?? '');
          if (/\\"[\w-]+:\*\\"/.test(policy) || /\\"Action\\":\\"\*\\"/.test(policy)) {
            violations.push({ stack, resource: id, problem: 'destination policy allows a wildcard action' });
          }
        }
        for (const statement of statements) {
          if (statement.Effect !== 'Allow') continue;
          for (const action of asArray(statement.Action as string | string[])) {
            const rootDelegation =
              resource.Type === 'AWS::KMS::Key' &&
              action === 'kms:*' &&
              JSON.stringify(statement.Principal).includes(':root');
            if (action === '*' || (/^[\w-]+:\*$/.test(action) && !rootDelegation)) {
              violations.push({
                stack,
                resource: id,
                problem: `resource policy allows wildcard action ${action}`,
              });
            }
          }
        }
      }
    }
    return violations;
  }
}
