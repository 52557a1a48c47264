import type { AwsContext } from '../context.ts';
import type { AwsCall } from '../record.ts';
import type { AwsPlan, AwsStep } from '../replay-aws.ts';

const MODEL_ID = 'anthropic.claude-3-sonnet-20240229-v1:0';

/** The fictitious use case Stratus submits to enable Anthropic models (from its documentation). */
const USE_CASE = {
  companyName: 'test',
  companyWebsite: 'https://test.com',
  intendedUsers: '0',
  industryOption: 'Government',
  otherIndustryOption: '',
  useCases: 'None of the Above. test',
};

/**
 * Model access is enabled through Bedrock's console APIs (signed raw HTTP), then the model is
 * invoked through bedrock-runtime; CloudTrail logs all of them under bedrock.amazonaws.com.
 * Availability is polled before the agreement and until the entitlement takes effect.
 */
const invokeModel: AwsPlan = (ctx) => {
  const call = (
    request: unknown,
    response: unknown = null,
    host = `bedrock.${ctx.region}.amazonaws.com`,
  ): AwsCall => ({
    by: ctx.operator,
    request,
    response,
    host,
  });
  const availability: AwsStep = {
    key: 'bedrock:GetFoundationModelAvailability',
    count: 5,
    gapMs: [1000, 3000],
    call: () => call({ modelId: MODEL_ID }),
  };
  return [
    availability,
    { key: 'bedrock:ListFoundationModelAgreementOffers', call: () => call({ modelId: MODEL_ID }) },
    {
      key: 'bedrock:PutUseCaseForModelAccess',
      call: () => call({ formData: Buffer.from(JSON.stringify(USE_CASE)).toString('base64') }),
    },
    {
      key: 'bedrock:CreateFoundationModelAgreement',
      call: () => call({ offerToken: ctx.rng.base64(220), modelId: MODEL_ID }, { modelId: MODEL_ID }),
    },
    {
      key: 'bedrock:PutFoundationModelEntitlement',
      call: () => call({ modelId: MODEL_ID }, { status: 'SUCCESS' }),
    },
    availability,
    {
      key: 'bedrock:InvokeModel',
      call: () => ({
        ...call({ modelId: MODEL_ID }, null, `bedrock-runtime.${ctx.region}.amazonaws.com`),
        readOnly: true,
      }),
    },
  ];
};

const deregisterAmi: AwsPlan = (ctx: AwsContext) => [
  {
    key: 'ec2:DeregisterImage',
    call: () => ({
      by: ctx.operator,
      request: { imageId: `ami-0${ctx.rng.hex(16)}` },
      response: { requestId: ctx.rng.uuid(), _return: true },
    }),
  },
];

export const impactPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.impact.bedrock-invoke-model': invokeModel,
  'aws.impact.ec2-deregister-ami': deregisterAmi,
};
