/** OCSF status of an Azure operation, from the status text Azure gives. */
export interface AzureStatus {
  status_id: 0 | 1 | 2 | 99;
  status?: string;
}

/**
 * `Success`/`Succeeded` → 1, `Failure`/`Failed` → 2; the in-between states of a long-running
 * ARM operation (`Start`, `Started`, `Accept`, `Accepted`, `In Progress`…) and service-health
 * states (`Active`, `Resolved`) are neither, so they are Other (99) with the source's own text.
 */
export function azureStatus(text: string | undefined): AzureStatus {
  if (text === undefined) return { status_id: 0 };
  switch (text.toLowerCase()) {
    case 'success':
    case 'succeeded':
      return { status_id: 1, status: 'Success' };
    case 'failure':
    case 'failed':
      return { status_id: 2, status: 'Failure' };
    default:
      return { status_id: 99, status: text };
  }
}

/** Activity `level` → OCSF severity_id (Informational when absent or unknown). */
export function azureSeverity(level: unknown): 1 | 3 | 4 | 5 {
  if (typeof level !== 'string') return 1;
  switch (level.toLowerCase()) {
    case 'critical':
      return 5;
    case 'error':
      return 4;
    case 'warning':
      return 3;
    default:
      return 1;
  }
}
