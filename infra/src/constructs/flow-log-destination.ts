import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RawEventStream } from './raw-event-stream.ts';

/** Name member accounts use in their subscription filters' destination ARN. */
export const FLOW_LOG_DESTINATION_NAME = 'vigil-flow-logs';

export interface FlowLogDestinationProps {
  rawEvents: RawEventStream;
  organizationId?: string;
  memberAccounts: readonly string[];
}

/**
 * A CloudWatch Logs destination in front of the raw-events stream, so VPC flow log groups in this
 * account, the listed member accounts or the whole organization can subscribe to it. CloudWatch
 * Logs delivers base64+gzip subscription payloads, which the decoder reads as they come.
 */
export class FlowLogDestination extends Construct {
  readonly destination: logs.CfnDestination;
  readonly role: iam.Role;
  readonly destinationArn: string;

  constructor(scope: Construct, id: string, props: FlowLogDestinationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const accounts = [stack.account, ...props.memberAccounts];
    const logsPrincipal = 'logs.amazonaws.com';

    this.role = new iam.Role(this, 'DeliveryRole', {
      description: 'CloudWatch Logs puts subscribed flow logs on the Vigil raw-events stream',
      assumedBy: new iam.ServicePrincipal(logsPrincipal, {
        conditions: {
          StringLike: {
            'aws:SourceArn': accounts.map((account) =>
              stack.formatArn({
                service: 'logs',
                account,
                resource: '*',
                arnFormat: ArnFormat.NO_RESOURCE_NAME,
              }),
            ),
          },
        },
      }),
    });
    if (props.organizationId !== undefined) {
      this.role.assumeRolePolicy?.addStatements(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal(logsPrincipal)],
          actions: ['sts:AssumeRole'],
          conditions: { StringEquals: { 'aws:SourceOrgID': props.organizationId } },
        }),
      );
    }
    props.rawEvents.grantProducer(this.role);

    this.destinationArn = stack.formatArn({
      service: 'logs',
      resource: 'destination',
      resourceName: FLOW_LOG_DESTINATION_NAME,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const subscribe = ['logs:PutSubscriptionFilter', 'logs:PutAccountPolicy'];
    const statements: Record<string, unknown>[] = [
      {
        Sid: 'AccountsSubscribe',
        Effect: 'Allow',
        Principal: { AWS: accounts },
        Action: subscribe,
        Resource: this.destinationArn,
      },
    ];
    if (props.organizationId !== undefined) {
      statements.push({
        Sid: 'OrganizationSubscribes',
        Effect: 'Allow',
        Principal: '*',
        Action: subscribe,
        Resource: this.destinationArn,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
      });
    }
    this.destination = new logs.CfnDestination(this, 'Destination', {
      destinationName: FLOW_LOG_DESTINATION_NAME,
      roleArn: this.role.roleArn,
      targetArn: props.rawEvents.stream.streamArn,
      destinationPolicy: stack.toJsonString({ Version: '2012-10-17', Statement: statements }),
    });
    // CloudFormation test-writes to the stream when it creates the destination: the grant must exist first.
    this.destination.node.addDependency(this.role);
  }
}
