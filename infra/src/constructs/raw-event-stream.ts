import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface RawEventStreamProps {
  /** Provisioned shard count; without it the stream is on-demand and scales with the organization. */
  shards?: number;
}

/**
 * The `raw-events` Kinesis stream every source writes to, encrypted with its own rotating key.
 * Producers get exactly PutRecord(s) and GenerateDataKey through `grantProducer`; nothing broader.
 */
export class RawEventStream extends Construct {
  readonly stream: kinesis.Stream;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: RawEventStreamProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Vigil raw-events stream and its dead-letter queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stream = new kinesis.Stream(this, 'Stream', {
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: this.key,
      ...(props.shards === undefined
        ? { streamMode: kinesis.StreamMode.ON_DEMAND }
        : { streamMode: kinesis.StreamMode.PROVISIONED, shardCount: props.shards }),
      // Three days covers a weekend outage of the consumer: records wait instead of expiring.
      retentionPeriod: Duration.hours(72),
    });
    Validations.of(this.stream).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason:
        'A customer-managed key on purpose: its policy decides which services (EventBridge, CloudWatch Logs) may encrypt, and producers get GenerateDataKey on this key only, which aws/kinesis cannot express.',
    });
  }

  /** What a producer needs to put encrypted records on the stream, and nothing else. */
  grantProducer(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        resources: [this.stream.streamArn],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [this.key.keyArn] }),
    );
  }
}
