/** ATT&CK technique names the azure rules use beyond the shared table in attack.ts (attack.mitre.org, v17). */
export const AZURE_TECHNIQUES: Readonly<Record<string, string>> = {};
