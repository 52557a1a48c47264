export { BULK_TRANSFER, CAMPAIGN_TECHNIQUES, type CampaignInfo } from './campaigns/campaigns.ts';
export { ATTACKER_NETWORKS, type SimulatedNetwork, simulatedNetworks } from './campaigns/networks.ts';
export { SimulateError, SimulateOptionsError } from './errors.ts';
export { type Organisation, organisation } from './org/organisation.ts';
export { campaignsOf, simulate } from './simulate.ts';
export type { CampaignActor, CampaignSpec, SimRecord, SimulateOptions } from './types.ts';
export {
  NETWORKS_FILE,
  SIMULATION_FILES,
  type SimulationCounts,
  writeSimulation,
} from './write-simulation.ts';
