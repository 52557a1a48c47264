export { type RespondConfig, readConfig } from './config.ts';
export { intelEnrich } from './enrich.ts';
export { APPROVAL_DENIED, ConfigError, RespondError, TaskInputError } from './errors.ts';
export { createTasks, TASK_NAMES, type TaskDeps, type Tasks } from './tasks.ts';
