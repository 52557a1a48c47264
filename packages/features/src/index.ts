export { FeaturesError, IpDatabaseError, ProfileFormatError } from './errors.ts';
export { type EventView, viewOf } from './event-view.ts';
export {
  createFeatureExtractor,
  type ExtractorOptions,
  type ExtractorState,
  type FeatureExtractor,
} from './extractor.ts';
export { FEATURE_SETS, MODEL_NAMES, type ModelName } from './feature-sets.ts';
export type { FlowWindowJson } from './flow-window.ts';
export { FLOW_WINDOW_MS, isPrivateIpv4, peerKey } from './flow-window.ts';
export {
  bundledIpDatabasePaths,
  createIpLookup,
  type IpDatabase,
  type IpInfo,
  type IpLookup,
  ipv4ToInt,
  type NetworkEntry,
  parseRangeCsv,
  readIpDatabase,
} from './ip-info.ts';
export type { PrincipalWindowJson } from './principal-window.ts';
export {
  checkProfile,
  decayed,
  hourOfWeek,
  PROFILE_KIND,
  type Profile,
  profileKey,
  type ValueStat,
} from './profile.ts';
export { ProfileCache } from './profile-cache.ts';
export { type FeatureRowJson, rowFromJson, rowToJson } from './row-json.ts';
export { isSensitive, SENSITIVE_SERVICES } from './sensitive.ts';
export { attacksOf } from './stage/attacks.ts';
export {
  checkModel,
  createMlStage,
  type MlStage,
  type MlStageOptions,
  type MlStageState,
  type MlStageStats,
  type ScoredJson,
  type ScoringModel,
} from './stage/ml-stage.ts';
export { type RiskEntry, RiskLedger, type RiskOptions } from './stage/risk.ts';
export { type FeatureRow, MAX_ROW_EVENTS, type RuleHits } from './types.ts';
export { userAgentFamily } from './user-agent.ts';
