export * from './constants.ts';
export * from './events.ts';
export * from './finding.ts';
export * from './objects.ts';
export * from './validate.ts';
