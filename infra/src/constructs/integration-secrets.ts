import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Threat-intelligence providers whose API keys Vigil keeps, one secret each. */
export const INTEL_PROVIDERS = ['virustotal', 'abuseipdb', 'otx', 'shodan', 'xforce'] as const;
export type IntelProvider = (typeof INTEL_PROVIDERS)[number];

/**
 * Secrets Manager secrets for the intel providers' API keys and for Slack. The values are never in
 * code or the template: CloudFormation creates a placeholder, the operator puts the real value
 * (`aws secretsmanager put-secret-value`). One secret per integration, so a function reading one
 * provider's key cannot read another's.
 */
export class IntegrationSecrets extends Construct {
  readonly intel: Readonly<Record<IntelProvider, secretsmanager.Secret>>;
  /** JSON `{ "botToken": "xoxb-…", "signingSecret": "…" }`. */
  readonly slack: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const intel = {} as Record<IntelProvider, secretsmanager.Secret>;
    for (const provider of INTEL_PROVIDERS) {
      // X-Force authenticates with a key and a password: one JSON secret holds both.
      const what =
        provider === 'xforce'
          ? 'X-Force API key and password (JSON {"key", "password"})'
          : `${provider} API key`;
      intel[provider] = this.placeholder(provider, `vigil/intel/${provider}`, what);
    }
    this.intel = intel;
    this.slack = this.placeholder('slack', 'vigil/slack', 'Slack bot token and signing secret (JSON)');
  }

  private placeholder(id: string, secretName: string, description: string): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, id, {
      secretName,
      description: `Vigil: ${description}; set the value after deploy`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: `The ${description} is issued by the third party; it can only be rotated in their console, so Secrets Manager has no rotation function to run.`,
    });
    return secret;
  }
}
