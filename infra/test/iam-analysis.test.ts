import { describe, expect, it } from 'vitest';
import { IamAnalysis, type StackTemplate } from './iam-analysis.ts';

const core: StackTemplate = {
  Resources: {
    Audit: { Type: 'AWS::DynamoDB::Table' },
    Findings: { Type: 'AWS::DynamoDB::Table' },
    Key: { Type: 'AWS::SecretsManager::Secret' },
  },
  Outputs: {
    AuditArn: { Value: { 'Fn::GetAtt': ['Audit', 'Arn'] } },
    AuditName: { Value: { Ref: 'Audit' } },
  },
};

/** A function in another stack naming the audit table through a weak cross-stack reference. */
function responder(statements: unknown[]): StackTemplate {
  const output = (name: string) => ({ 'Fn::GetStackOutput': { StackName: 'Core', OutputName: name } });
  return {
    Resources: {
      Role: { Type: 'AWS::IAM::Role' },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Environment: { Variables: { VIGIL_AUDIT_TABLE: output('AuditName') } },
        },
      },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: { Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: statements } },
      },
    },
  };
}

const analyse = (statements: unknown[]) =>
  new IamAnalysis(
    new Map([
      ['Core', core],
      ['Responder', responder(statements)],
    ]),
  ).identityViolations();

describe('IamAnalysis', () => {
  it('accepts a grant on the table the function names, across stacks', () => {
    const arn = { 'Fn::GetStackOutput': { StackName: 'Core', OutputName: 'AuditArn' } };
    expect(analyse([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: arn }])).toEqual([]);
  });

  it('reports a grant on a table or secret the function does not name', () => {
    const problems = analyse([
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::ImportValue': 'missing' } },
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
    ]);
    expect(problems.map((p) => p.problem)).toEqual([
      expect.stringContaining('not a named table or secret'),
      expect.stringContaining('not a named table or secret'),
    ]);
  });

  it('reports wildcard actions, whole services included, but not a deny', () => {
    const problems = analyse([
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Allow', Action: ['s3:*'], Resource: 'arn:aws:s3:::b' },
      { Effect: 'Deny', Action: 'sqs:*', Resource: '*' },
    ]);
    expect(problems.map((p) => p.problem)).toEqual([
      'allows wildcard action *',
      'allows wildcard action s3:*',
    ]);
  });
});
