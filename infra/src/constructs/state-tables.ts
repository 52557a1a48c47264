import { type AttributeDef, TABLES, type TableDef, type TableName } from '@vigil/store';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

const READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];

export type TableAccess = 'read' | 'write' | 'readWrite';

const attribute = (def: AttributeDef): dynamodb.Attribute => ({
  name: def.name,
  type: def.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/**
 * Every DynamoDB table of `@vigil/store`'s TABLES, built from those definitions so keys, TTL and
 * indexes match what the stores and their tests use. On-demand, point-in-time recovery, encrypted,
 * retained when the stack goes: findings, profiles and the audit trail outlive a redeploy.
 */
export class StateTables extends Construct {
  readonly tables: Readonly<Record<TableName, dynamodb.Table>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const tables = {} as Record<TableName, dynamodb.Table>;
    for (const [name, def] of Object.entries(TABLES) as [TableName, TableDef][]) {
      const table = new dynamodb.Table(this, def.id, {
        partitionKey: attribute(def.partitionKey),
        ...(def.sortKey === undefined ? {} : { sortKey: attribute(def.sortKey) }),
        ...(def.timeToLiveAttribute === undefined ? {} : { timeToLiveAttribute: def.timeToLiveAttribute }),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        // Access is governed per table by IAM; an AWS-managed key still encrypts and logs every use in CloudTrail.
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of def.globalIndexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey === undefined ? {} : { sortKey: attribute(index.sortKey) }),
        });
      }
      tables[name] = table;
    }
    this.tables = tables;
  }

  /**
   * Grants exactly the item actions a function needs on one table, naming each index instead of
   * `index/*`, so a grant can never reach past the table it is for.
   */
  grant(grantee: iam.IGrantable, name: TableName, access: TableAccess): void {
    const table = this.tables[name];
    const actions = [...new Set([...(access === 'write' ? [] : READ), ...(access === 'read' ? [] : WRITE)])];
    const indexes = access === 'write' ? [] : ((TABLES[name] as TableDef).globalIndexes ?? []);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions,
        resources: [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index.name}`)],
      }),
    );
  }
}
