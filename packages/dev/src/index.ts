export { DEV_USAGE, type DevOptions, parseDevArgs } from './args.ts';
export { DevUsageError } from './errors.ts';
export { renderReport } from './report.ts';
export { type DevRun, startDev } from './run-dev.ts';
