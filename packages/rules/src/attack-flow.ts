/** ATT&CK technique names the flow rules use beyond the shared table in attack.ts (attack.mitre.org, v17). */
export const FLOW_TECHNIQUES: Readonly<Record<string, string>> = {
  'T1498.001': 'Direct Network Flood',
  'T1499.001': 'OS Exhaustion Flood',
};
