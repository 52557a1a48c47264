export { type Cidr, CidrError, parseCidr } from './cidr.ts';
export { createDetector, type Detector, type DetectorOptions } from './detector.ts';
export { buildFinding, findingUid, MAX_RELATED_EVENTS, riskScore } from './finding-builder.ts';
export { MemoryStateStore } from './memory-state.ts';
export { createPipeline, type Pipeline, type PipelineOptions, type PipelineStats } from './pipeline.ts';
export { compileSuppressions, type Suppression, SuppressionError, suppressionFile } from './suppressions.ts';
export type { Analytic, AnalyticContext, AnalyticInfo, SeverityId, Signal, StateStore } from './types.ts';
