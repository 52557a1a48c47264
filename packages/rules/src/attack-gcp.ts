/** ATT&CK technique names the gcp rules use beyond the shared table in attack.ts (attack.mitre.org, v17). */
export const GCP_TECHNIQUES: Readonly<Record<string, string>> = {};
