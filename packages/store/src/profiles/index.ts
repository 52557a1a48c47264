export { DynamoProfileStore } from './dynamo-profile-store.ts';
export { ProfileStoreError } from './errors.ts';
export { LocalProfileStore } from './local-profile-store.ts';
export { DEFAULT_FORGET_MS, type ProfileStore } from './types.ts';
