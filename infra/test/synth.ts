import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createVigilApp, type VigilApp, type VigilAppOptions } from '../src/app.ts';
import { REPO_PATHS } from '../src/paths.ts';

/** The context `cdk synth` runs with (feature flags and all), so tests see the templates deploys get. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_PATHS.root, 'cdk.json'), 'utf8')).context;
}

export interface Synthesized {
  app: App;
  vigil: VigilApp;
  assembly: CloudAssembly;
  stacks: Stack[];
  templates: Map<string, Template>;
  outdir: string;
  cleanup(): void;
}

export interface SynthOptions extends VigilAppOptions {
  context?: Record<string, unknown>;
  /** Run esbuild and the asset hooks; off by default because only the asset test needs them. */
  bundle?: boolean;
}

/** Synthesizes the whole app into a temporary directory, cdk-nag validation included. */
export function synthVigil(options: SynthOptions = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'vigil-infra-'));
  const app = new App({
    outdir,
    analyticsReporting: false,
    context: {
      ...cdkJsonContext(),
      ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const vigil = createVigilApp(
    app,
    options.detectEntry === undefined ? {} : { detectEntry: options.detectEntry },
  );
  const assembly = app.synth();
  const stacks = app.node.children.filter((child): child is Stack => 'templateOptions' in child);
  const templates = new Map(stacks.map((stack) => [stack.stackName, Template.fromStack(stack)]));
  return {
    app,
    vigil,
    assembly,
    stacks,
    templates,
    outdir,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** An unsynthesized app with the real context and no bundling, for tests that add to it; `cleanup` removes its output. */
export function bareVigilApp(): { app: App; vigil: VigilApp; cleanup(): void } {
  const outdir = mkdtempSync(join(tmpdir(), 'vigil-infra-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  return { app, vigil: createVigilApp(app), cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}
