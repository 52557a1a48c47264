import type { AwsContext } from '../context.ts';
import type { AwsPlan } from '../replay-aws.ts';

function lambdaFunction(ctx: AwsContext, purpose: string) {
  const name = `stratus-red-team-${purpose}-${ctx.suffix}`;
  return { name, arn: `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${name}` };
}

/** A FunctionConfiguration as Lambda returns it, for the fields CloudTrail keeps. */
function configuration(ctx: AwsContext, fn: { name: string; arn: string }, extra: Record<string, unknown>) {
  return {
    functionName: fn.name,
    functionArn: fn.arn,
    runtime: 'python3.12',
    role: `arn:aws:iam::${ctx.account}:role/${fn.name}-role`,
    handler: 'lambda.lambda_handler',
    codeSize: 252,
    description: '',
    timeout: 3,
    memorySize: 128,
    lastModified: new Date(ctx.clock.now()).toISOString().replace('Z', '+0000'),
    codeSha256: `${ctx.rng.base64(43)}=`,
    version: '$LATEST',
    tracingConfig: { mode: 'PassThrough' },
    revisionId: ctx.rng.uuid(),
    state: 'Active',
    lastUpdateStatus: 'InProgress',
    lastUpdateStatusReason: 'The function is being created.',
    lastUpdateStatusReasonCode: 'Creating',
    packageType: 'Zip',
    architectures: ['x86_64'],
    ephemeralStorage: { size: 512 },
    snapStart: { applyOn: 'None', optimizationStatus: 'Off' },
    loggingConfig: { logFormat: 'Text', logGroup: `/aws/lambda/${fn.name}` },
    ...extra,
  };
}

/** Stratus grants invocation to `*`: anyone, in any account, can now call the function. */
const backdoorFunction: AwsPlan = (ctx) => {
  const fn = lambdaFunction(ctx, 'backdoor-lambda');
  const statement = {
    Sid: 'backdoor',
    Effect: 'Allow',
    Principal: '*',
    Action: 'lambda:InvokeFunction',
    Resource: fn.arn,
  };
  return [
    {
      key: 'lambda:AddPermission20150331v2',
      call: () => ({
        by: ctx.operator,
        request: {
          functionName: fn.name,
          statementId: 'backdoor',
          action: 'lambda:InvokeFunction',
          principal: '*',
        },
        response: { statement: JSON.stringify(statement) },
      }),
    },
  ];
};

const layerExtension: AwsPlan = (ctx) => {
  const fn = lambdaFunction(ctx, 'lambda-layer-function');
  const layerArn = `arn:aws:lambda:${ctx.region}:${ctx.account}:layer:stratus-red-team-extension-${ctx.suffix}:1`;
  return [
    {
      key: 'lambda:UpdateFunctionConfiguration20150331v2',
      call: () => ({
        by: ctx.operator,
        request: { functionName: fn.arn, layers: [layerArn] },
        response: configuration(ctx, fn, { layers: [{ arn: layerArn, codeSize: 1843 }] }),
      }),
    },
  ];
};

/** The new code itself is not logged; `publish` makes it a new version at once. */
const overwriteCode: AwsPlan = (ctx) => {
  const fn = lambdaFunction(ctx, 'lambda-overwrite');
  return [
    {
      key: 'lambda:UpdateFunctionCode20150331v2',
      call: () => ({
        by: ctx.operator,
        request: { functionName: fn.name, publish: true, dryRun: false },
        response: configuration(ctx, fn, {
          functionArn: `${fn.arn}:2`,
          codeSize: 226,
          version: '2',
          lastUpdateStatus: 'Successful',
          lastUpdateStatusReason: undefined,
          lastUpdateStatusReasonCode: undefined,
        }),
      }),
    },
  ];
};

export const lambdaPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.persistence.lambda-backdoor-function': backdoorFunction,
  'aws.persistence.lambda-layer-extension': layerExtension,
  'aws.persistence.lambda-overwrite-code': overwriteCode,
};
