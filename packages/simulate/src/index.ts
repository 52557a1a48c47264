export { SimulateError, SimulateOptionsError } from './errors.ts';
export { type Organisation, organisation } from './org/organisation.ts';
export { simulate } from './simulate.ts';
export type { SimRecord, SimulateOptions } from './types.ts';
export { SIMULATION_FILES, type SimulationCounts, writeSimulation } from './write-simulation.ts';
