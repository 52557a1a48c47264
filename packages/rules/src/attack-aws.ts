/** ATT&CK technique names the aws rules use beyond the shared table in attack.ts (attack.mitre.org, v17). */
export const AWS_TECHNIQUES: Readonly<Record<string, string>> = {
  'T1059.004': 'Unix Shell',
};
