export { fakeTime } from './fake-time.ts';
export { type FeedServer, startFeedServer } from './feed-server.ts';
export { sampleFinding } from './findings.ts';
export { type Behaviour, type ProviderServer, startProviderServer } from './provider-server.ts';
