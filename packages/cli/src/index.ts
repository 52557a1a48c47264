export { type CliOptions, parseCliArgs, USAGE } from './args.ts';
export { coverageMarkdown, navigatorLayer, ruleTable } from './coverage.ts';
export { type Detection, type DetectionDirs, loadDetection } from './detection.ts';
export { CliError, InputError, UsageError } from './errors.ts';
export { type InputFile, resolveInputs } from './inputs.ts';
export {
  type LabelledFinding,
  type LabelledRows,
  type LabelledRun,
  type LabelledRunOptions,
  labelledRun,
  type RowLabel,
} from './labelled-run.ts';
export { type CliMl, DEFAULT_MODELS_DIR, loadCliMl, sharedIpDatabase } from './ml.ts';
export { type Io, type RunResult, runDetect } from './run.ts';
export { FindingTally, renderSummary } from './summary.ts';
