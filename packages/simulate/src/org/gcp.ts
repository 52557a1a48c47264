import type { Random } from '../random.ts';

export interface GcpInstance {
  name: string;
  id: string;
  zone: string;
  /** `dev` instances follow an instance schedule; `batch` ones are Spot VMs. */
  kind: 'dev' | 'batch' | 'service';
}

export interface GcpProject {
  id: string;
  number: string;
  region: string;
  buckets: readonly string[];
  datasets: readonly string[];
  instances: readonly GcpInstance[];
  cluster: { name: string; location: string };
  serviceAccounts: {
    etl: string;
    scheduledQueries: string;
    gkeNodes: string;
    logReader: string;
    cloudBuild: string;
    /** Google-managed agents. */
    computeSystem: string;
    cloudServices: string;
    gkeRobot: string;
  };
}

function project(
  rng: Random,
  id: string,
  number: string,
  region: string,
  spec: { buckets: string[]; datasets: string[]; instances: [string, GcpInstance['kind']][] },
): GcpProject {
  return {
    id,
    number,
    region,
    buckets: spec.buckets,
    datasets: spec.datasets,
    instances: spec.instances.map(([name, kind], i) => ({
      name,
      kind,
      id: rng.digits(19),
      zone: `${region}-${'abc'[i % 3]}`,
    })),
    cluster: { name: `${id.replace('kestrel-', '')}-gke`, location: region },
    serviceAccounts: {
      etl: `etl-writer@${id}.iam.gserviceaccount.com`,
      scheduledQueries: `bq-scheduled@${id}.iam.gserviceaccount.com`,
      gkeNodes: `gke-nodes@${id}.iam.gserviceaccount.com`,
      logReader: `log-reader@${id}.iam.gserviceaccount.com`,
      cloudBuild: `${number}@cloudbuild.gserviceaccount.com`,
      computeSystem: `service-${number}@compute-system.iam.gserviceaccount.com`,
      cloudServices: `${number}@cloudservices.gserviceaccount.com`,
      gkeRobot: `service-${number}@container-engine-robot.iam.gserviceaccount.com`,
    },
  };
}

/** Two projects: the data platform in production and the platform team's development project. */
export function buildGcpProjects(rng: Random): GcpProject[] {
  return [
    project(rng, 'kestrel-data-prod', '731902846155', 'us-central1', {
      buckets: ['kestrel-data-prod-raw', 'kestrel-data-prod-curated', 'kestrel-data-prod-exports'],
      datasets: ['analytics', 'finance', 'product_events'],
      instances: [
        ['etl-runner-1', 'service'],
        ['etl-runner-2', 'service'],
        ['spark-batch-1', 'batch'],
        ['spark-batch-2', 'batch'],
      ],
    }),
    project(rng, 'kestrel-platform-dev', '284610937412', 'europe-west1', {
      buckets: ['kestrel-platform-dev-build', 'kestrel-platform-dev-scratch'],
      datasets: ['sandbox'],
      instances: [
        ['dev-workstation-1', 'dev'],
        ['dev-workstation-2', 'dev'],
        ['dev-workstation-3', 'dev'],
        ['ci-cache', 'service'],
      ],
    }),
  ];
}
