import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ArtifactBucketsProps {
  /** Days raw events stay in the archive before they expire. */
  archiveRetentionDays: number;
}

/**
 * The event archive (raw events kept for retraining and investigations) and the model artifacts
 * bucket, both KMS-encrypted, SSL-only, versioned and access-logged to a third bucket.
 */
export class ArtifactBuckets extends Construct {
  readonly archive: s3.Bucket;
  readonly models: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: ArtifactBucketsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Vigil event archive and model artifacts',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const common = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...common,
      // S3 server access logging can only deliver to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [
        { expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the access-log target of the archive and model buckets; logging it would log its own log writes.',
    });
    const encrypted = {
      ...common,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: this.accessLogs,
    };
    this.archive = new s3.Bucket(this, 'Archive', {
      ...encrypted,
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [
        {
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ].filter((transition) => transition.transitionAfter.toDays() < props.archiveRetentionDays),
          expiration: Duration.days(props.archiveRetentionDays),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.models = new s3.Bucket(this, 'Models', {
      ...encrypted,
      serverAccessLogsPrefix: 'models/',
      lifecycleRules: [
        // Model versions stay (the registry may roll back); superseded object versions do not.
        {
          noncurrentVersionExpiration: Duration.days(180),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }
}
