import { Duration, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** The key the queue is encrypted with: the one that protects the data its messages describe. */
  key: kms.IKey;
  /** Why no queue stands behind this one, recorded with cdk-nag's AwsSolutions-SQS3 acknowledgement. */
  reason: string;
}

/**
 * A dead-letter queue: KMS-encrypted, SSL-only, messages kept 14 days. A queue itself, at the id
 * it is given, so its logical id is the one a plain `sqs.Queue` there would have.
 */
export class DeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this).acknowledge({ id: 'AwsSolutions-SQS3', reason: props.reason });
  }
}
