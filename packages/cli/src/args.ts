import { parseArgs } from 'node:util';
import type { InputFormat } from '@vigil/decode';
import { UsageError } from './errors.ts';

export interface CliOptions {
  inputs: string[];
  out?: string;
  rejects?: string;
  format: InputFormat;
  flowFields?: string[];
  /** Extra rule folders (YAML rule files) loaded beside Vigil's catalog. */
  rules: string[];
  /** Extra Sigma rule folders, evaluated on the native records. */
  sigma: string[];
  suppressions?: string;
  /** Folder of ONNX models and their manifest; the repository's `models/` when absent. */
  models?: string;
  /** Rules only: the behavioural models are not loaded. */
  noModels: boolean;
  /** Where behaviour profiles persist between runs; they last one run when absent. */
  stateDir?: string;
  /** JSON list of networks (cidr, asn, asnName, country) public IP databases cannot know. */
  networks?: string;
  /** Add threat-intel verdicts: offline sets always, providers whose keys are in the environment. */
  enrich?: boolean;
  /** `plan`: after detection, print what the response playbooks would do for each finding (no AWS call). */
  respond?: 'plan';
  /** Response guardrails YAML for `--respond plan` (default: packages/response/guardrails.yml). */
  guardrails?: string;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

const FORMATS: readonly InputFormat[] = ['auto', 'cloudtrail', 'azure', 'gcp', 'vpcflow'];

export const USAGE = `Usage: pnpm detect [options] <path|dir|->...

Reads CloudTrail, Azure Monitor, GCP Cloud Audit and VPC flow logs in their native export
shapes (plain or gzip), normalizes them to OCSF and writes Detection Findings as NDJSON.

Options:
  --out FILE          write findings here (default: stdout when it is not a terminal)
  --rejects FILE      write every record that could not be read, with file, line/offset and reason
  --format F          force the input family: auto (default), cloudtrail, azure, gcp, vpcflow
  --flow-fields LIST  field names of header-less custom-format VPC flow logs, space or comma separated
  --rules DIR         also load the YAML rule files under DIR (repeatable)
  --sigma DIR         also load the Sigma rules under DIR (repeatable; aws/cloudtrail, azure, gcp.audit)
  --suppressions FILE YAML or JSON suppressions applied before findings are emitted
  --models DIR        ONNX models and manifest.json (default: the repository's models/)
  --no-models         rules only: do not load the behavioural models
  --state-dir DIR     keep behaviour profiles in DIR between runs (default: for this run only)
  --networks FILE     JSON list of {cidr, asn, asnName, country} for addresses no public IP
                      database knows (the simulator writes networks.json)
  --enrich            add threat-intel verdicts (OCSF enrichments; a malicious one raises severity a
                      level): offline sets always; VirusTotal, AbuseIPDB, OTX, Shodan, X-Force when
                      VIGIL_VIRUSTOTAL_API_KEY, VIGIL_ABUSEIPDB_API_KEY, VIGIL_OTX_API_KEY,
                      VIGIL_SHODAN_API_KEY, VIGIL_XFORCE_API_KEY and _PASSWORD are set
  --respond plan      after detection, print what the response playbooks would do for each finding,
                      from the finding alone: always a dry run, no AWS call
  --guardrails FILE   response guardrails for --respond (default: packages/response/guardrails.yml)
  --quiet             no summary and no progress on the terminal
  -h, --help          show this help
  --version           print the version

Exit status: 0 on success, 2 on usage errors or unreadable paths.`;

/** Parses argv (without node and script); unknown options and bad values are usage errors. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? 'auto') as InputFormat;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
  }
  const options: CliOptions = {
    inputs: positionals,
    format,
    rules: values.rules ?? [],
    sigma: values.sigma ?? [],
    noModels: values['no-models'] ?? false,
    enrich: values.enrich ?? false,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
  if (values.out !== undefined) options.out = values.out;
  if (values.rejects !== undefined) options.rejects = values.rejects;
  if (values.suppressions !== undefined) options.suppressions = values.suppressions;
  if (values.models !== undefined) options.models = values.models;
  if (values['state-dir'] !== undefined) options.stateDir = values['state-dir'];
  if (values.networks !== undefined) options.networks = values.networks;
  if (values.respond !== undefined) {
    if (values.respond !== 'plan') throw new UsageError(`--respond must be plan, got "${values.respond}"`);
    options.respond = 'plan';
  }
  if (values.guardrails !== undefined) {
    if (!options.respond) throw new UsageError('--guardrails needs --respond plan');
    options.guardrails = values.guardrails;
  }
  if (options.noModels && options.models !== undefined)
    throw new UsageError('--models and --no-models contradict each other');
  if (values['flow-fields'] !== undefined) {
    options.flowFields = values['flow-fields'].split(/[\s,]+/).filter(Boolean);
    if (options.flowFields.length === 0) throw new UsageError('--flow-fields needs at least one field name');
  }
  if (!options.help && !options.version && options.inputs.length === 0) {
    throw new UsageError('no input: give one or more files, directories, or - for stdin');
  }
  return options;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      rejects: { type: 'string' },
      format: { type: 'string' },
      'flow-fields': { type: 'string' },
      rules: { type: 'string', multiple: true },
      sigma: { type: 'string', multiple: true },
      suppressions: { type: 'string' },
      models: { type: 'string' },
      'no-models': { type: 'boolean' },
      'state-dir': { type: 'string' },
      networks: { type: 'string' },
      enrich: { type: 'boolean' },
      respond: { type: 'string' },
      guardrails: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
}
