import {
  DEFAULT_GUARDRAILS_FILE,
  type Guardrails,
  GuardrailsError,
  loadGuardrails,
  planOffline,
  renderOfflinePlans,
} from '@vigil/response';
import type { DetectionFinding } from '@vigil/schema';
import type { CliOptions } from './args.ts';
import { InputError } from './errors.ts';

export interface ResponsePlanner {
  add(finding: DetectionFinding): void;
  /** The plan for every finding added, as text. */
  render(now: number): Promise<string>;
}

/** `--respond plan`: keeps the run's findings and plans the playbooks for them offline at the end. */
export async function loadResponsePlanner(options: CliOptions): Promise<ResponsePlanner | undefined> {
  if (options.respond !== 'plan') return undefined;
  let guardrails: Guardrails;
  try {
    guardrails = await loadGuardrails(options.guardrails ?? DEFAULT_GUARDRAILS_FILE);
  } catch (error) {
    if (error instanceof GuardrailsError) {
      const path = String(options.guardrails ?? DEFAULT_GUARDRAILS_FILE);
      throw new InputError(path, error.message.replace(`${path}: `, ''), { cause: error });
    }
    throw error;
  }
  const findings: DetectionFinding[] = [];
  return {
    add: (finding) => findings.push(finding),
    async render(now) {
      const plans = await Promise.all(findings.map((f) => planOffline(f, guardrails, now)));
      return renderOfflinePlans(plans, guardrails.dryRun);
    },
  };
}
