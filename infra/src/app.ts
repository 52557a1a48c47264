import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.ts';
import { VigilStack } from './stacks/vigil-stack.ts';

export interface VigilAppOptions {
  /** Detect handler entry; tests may substitute one, deployments never do. */
  detectEntry?: string;
}

export interface VigilApp {
  core: VigilStack;
}

/**
 * Builds every Vigil stack into `app` from its context. Environment-agnostic (no account or region
 * lookups), so synth needs no credentials; cdk-nag's AwsSolutions pack checks every stack at synth.
 */
export function createVigilApp(app: App, options: VigilAppOptions = {}): VigilApp {
  const config = readConfig(app.node);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  Tags.of(app).add('project', 'vigil');
  const core = new VigilStack(app, 'Vigil', {
    config,
    description:
      'Vigil threat detection: ingestion, raw-events stream, detect, findings, state and operations',
    analyticsReporting: false,
    ...options,
  });
  return { core };
}
