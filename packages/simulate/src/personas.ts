import { appRuntimePersona } from './activity/app-runtime.ts';
import { awsServicesPersona, instanceSchedulerPersona } from './activity/aws-services.ts';
import {
  azureIdentitiesPersona,
  azureOperationsPersona,
  azurePipelinePersona,
} from './activity/azure-automation.ts';
import { ciPersona } from './activity/ci.ts';
import type { Persona } from './activity/day.ts';
import { gcpSchedulePersona, gcpServicesPersona } from './activity/gcp-automation.ts';
import { humanPersona } from './activity/human/human-persona.ts';
import { networkPersona } from './activity/network.ts';
import { scannerPersona } from './activity/scanner.ts';
import type { Organisation } from './org/organisation.ts';

/** Everyone and everything that acts in the organisation, in a fixed order. */
export function personasOf(org: Organisation): Persona[] {
  return [
    ...org.people.map(humanPersona),
    ...org.repos.map(ciPersona),
    appRuntimePersona(),
    awsServicesPersona(),
    instanceSchedulerPersona(),
    scannerPersona(),
    azurePipelinePersona(),
    azureIdentitiesPersona(),
    azureOperationsPersona(),
    gcpServicesPersona(),
    gcpSchedulePersona(),
    networkPersona(),
  ];
}
