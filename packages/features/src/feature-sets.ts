/**
 * The ordered inputs of each model, by model name. Training (models/train.ts) and scoring (the
 * ML stage) both build rows from these lists, and a model's manifest entry must repeat its list
 * exactly, so the two can never disagree about which column is which.
 */
export const FEATURE_SETS = {
  /** One row per principal per UTC hour with activity. */
  'principal-iforest': [
    'events_log',
    'distinct_actions',
    'distinct_services',
    'distinct_regions',
    'distinct_asns',
    'new_actions',
    'new_services',
    'new_regions',
    'new_asns',
    'new_countries',
    'new_ua_families',
    'new_error_codes',
    'error_ratio',
    'write_ratio',
    'iam_calls',
    'kms_calls',
    'secrets_calls',
    'sts_calls',
    'sensitive_calls',
    'list_describe_burst',
    'hour_of_week_rarity',
    'action_rarity_mean',
    'action_rarity_max',
    'events_vs_usual',
    'sensitive_vs_usual',
    'offhours_sensitive',
  ],
  /** One row per candidate event: a rule hit, a security-relevant action or a never-seen value. */
  'triage-gbdt': [
    'rule_hits',
    'rule_max_severity',
    'hour_rule_hits',
    'sensitive_action',
    'sensitive_service',
    'is_write',
    'is_error',
    'action_new_principal',
    'action_new_account',
    'action_rarity_principal',
    'service_new_principal',
    'region_new_principal',
    'asn_new_principal',
    'asn_new_account',
    'country_new_principal',
    'country_new_account',
    'ua_family_new_principal',
    'ua_family_new_account',
    'error_new_principal',
    'hour_of_week_rarity',
    'hour_events_log',
    'hour_distinct_actions',
    'hour_new_values',
    'hour_error_ratio',
    'hour_sensitive_calls',
    'hour_sensitive_vs_usual',
    'hour_offhours_sensitive',
  ],
  /** One row per network interface per ten-minute flow window. */
  'flow-iforest': [
    'flows_log',
    'distinct_peers',
    'distinct_ports',
    'new_peers',
    'new_ports',
    'reject_ratio',
    'syn_only_ratio',
    'bytes_out_log',
    'bytes_in_log',
    'bytes_out_vs_baseline',
    'public_peers',
    'mb_to_new_peers',
    'max_flow_mb',
  ],
} as const satisfies Record<string, readonly string[]>;

export type ModelName = keyof typeof FEATURE_SETS;

export const MODEL_NAMES = Object.keys(FEATURE_SETS) as ModelName[];

/** Column index of each feature of a model, for the extractor's writers. */
export function featureIndex<M extends ModelName>(
  model: M,
): Record<(typeof FEATURE_SETS)[M][number], number> {
  const out: Record<string, number> = {};
  FEATURE_SETS[model].forEach((name, i) => {
    out[name] = i;
  });
  return out as Record<(typeof FEATURE_SETS)[M][number], number>;
}
