import type { Attack } from '@vigil/schema';
import { AWS_TECHNIQUES } from './attack-aws.ts';
import { AZURE_TECHNIQUES } from './attack-azure.ts';
import { FLOW_TECHNIQUES } from './attack-flow.ts';
import { GCP_TECHNIQUES } from './attack-gcp.ts';

/** MITRE ATT&CK Enterprise names for the ids the rules use (attack.mitre.org, v17). */
export const ATTACK_VERSION = 'v17';

/** The attack.mitre.org page of a tactic (`TA0001`), technique (`T1078`) or sub-technique (`T1078.004`). */
export function attackUrl(id: string): string {
  if (id.startsWith('TA')) return `https://attack.mitre.org/tactics/${id}/`;
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

const TACTICS: Readonly<Record<string, string>> = {
  TA0043: 'Reconnaissance',
  TA0042: 'Resource Development',
  TA0001: 'Initial Access',
  TA0002: 'Execution',
  TA0003: 'Persistence',
  TA0004: 'Privilege Escalation',
  TA0005: 'Defense Evasion',
  TA0006: 'Credential Access',
  TA0007: 'Discovery',
  TA0008: 'Lateral Movement',
  TA0009: 'Collection',
  TA0011: 'Command and Control',
  TA0010: 'Exfiltration',
  TA0040: 'Impact',
};

/** Enterprise techniques that cloud, identity and network logs can show. */
const TECHNIQUES: Readonly<Record<string, string>> = {
  ...AWS_TECHNIQUES,
  ...AZURE_TECHNIQUES,
  ...GCP_TECHNIQUES,
  ...FLOW_TECHNIQUES,
  T1021: 'Remote Services',
  'T1021.001': 'Remote Desktop Protocol',
  'T1021.004': 'SSH',
  'T1021.007': 'Cloud Services',
  'T1021.008': 'Direct Cloud VM Connections',
  T1037: 'Boot or Logon Initialization Scripts',
  T1040: 'Network Sniffing',
  T1046: 'Network Service Discovery',
  T1048: 'Exfiltration Over Alternative Protocol',
  T1053: 'Scheduled Task/Job',
  'T1053.007': 'Container Orchestration Job',
  T1059: 'Command and Scripting Interpreter',
  'T1059.009': 'Cloud API',
  T1069: 'Permission Groups Discovery',
  'T1069.003': 'Cloud Groups',
  T1070: 'Indicator Removal',
  T1071: 'Application Layer Protocol',
  T1074: 'Data Staged',
  'T1074.002': 'Remote Data Staging',
  T1078: 'Valid Accounts',
  'T1078.001': 'Default Accounts',
  'T1078.004': 'Cloud Accounts',
  T1082: 'System Information Discovery',
  T1087: 'Account Discovery',
  'T1087.004': 'Cloud Account',
  T1090: 'Proxy',
  'T1090.003': 'Multi-hop Proxy',
  T1095: 'Non-Application Layer Protocol',
  T1098: 'Account Manipulation',
  'T1098.001': 'Additional Cloud Credentials',
  'T1098.003': 'Additional Cloud Roles',
  'T1098.004': 'SSH Authorized Keys',
  'T1098.005': 'Device Registration',
  'T1098.006': 'Additional Container Cluster Roles',
  T1110: 'Brute Force',
  'T1110.001': 'Password Guessing',
  'T1110.003': 'Password Spraying',
  'T1110.004': 'Credential Stuffing',
  T1114: 'Email Collection',
  'T1114.003': 'Email Forwarding Rule',
  T1119: 'Automated Collection',
  T1133: 'External Remote Services',
  T1136: 'Create Account',
  'T1136.003': 'Cloud Account',
  T1190: 'Exploit Public-Facing Application',
  T1195: 'Supply Chain Compromise',
  T1199: 'Trusted Relationship',
  T1201: 'Password Policy Discovery',
  T1204: 'User Execution',
  'T1204.003': 'Malicious Image',
  T1213: 'Data from Information Repositories',
  T1484: 'Domain or Tenant Policy Modification',
  'T1484.002': 'Trust Modification',
  T1485: 'Data Destruction',
  T1486: 'Data Encrypted for Impact',
  T1490: 'Inhibit System Recovery',
  T1496: 'Resource Hijacking',
  'T1496.001': 'Compute Hijacking',
  'T1496.004': 'Cloud Service Hijacking',
  T1498: 'Network Denial of Service',
  T1499: 'Endpoint Denial of Service',
  T1505: 'Server Software Component',
  T1518: 'Software Discovery',
  'T1518.001': 'Security Software Discovery',
  T1525: 'Implant Internal Image',
  T1526: 'Cloud Service Discovery',
  T1528: 'Steal Application Access Token',
  T1530: 'Data from Cloud Storage',
  T1531: 'Account Access Removal',
  T1535: 'Unused/Unsupported Cloud Regions',
  T1537: 'Transfer Data to Cloud Account',
  T1538: 'Cloud Service Dashboard',
  T1539: 'Steal Web Session Cookie',
  T1546: 'Event Triggered Execution',
  T1548: 'Abuse Elevation Control Mechanism',
  'T1548.005': 'Temporary Elevated Cloud Access',
  T1550: 'Use Alternate Authentication Material',
  'T1550.001': 'Application Access Token',
  T1552: 'Unsecured Credentials',
  'T1552.001': 'Credentials In Files',
  'T1552.005': 'Cloud Instance Metadata API',
  T1555: 'Credentials from Password Stores',
  'T1555.006': 'Cloud Secrets Management Stores',
  T1556: 'Modify Authentication Process',
  'T1556.006': 'Multi-Factor Authentication',
  'T1556.007': 'Hybrid Identity',
  'T1556.009': 'Conditional Access Policies',
  T1557: 'Adversary-in-the-Middle',
  T1562: 'Impair Defenses',
  'T1562.001': 'Disable or Modify Tools',
  'T1562.007': 'Disable or Modify Cloud Firewall',
  'T1562.008': 'Disable or Modify Cloud Logs',
  T1564: 'Hide Artifacts',
  'T1564.008': 'Email Hiding Rules',
  T1566: 'Phishing',
  T1567: 'Exfiltration Over Web Service',
  'T1567.002': 'Exfiltration to Cloud Storage',
  T1571: 'Non-Standard Port',
  T1578: 'Modify Cloud Compute Infrastructure',
  'T1578.001': 'Create Snapshot',
  'T1578.002': 'Create Cloud Instance',
  'T1578.003': 'Delete Cloud Instance',
  'T1578.004': 'Revert Cloud Instance',
  'T1578.005': 'Modify Cloud Compute Configurations',
  T1580: 'Cloud Infrastructure Discovery',
  T1595: 'Active Scanning',
  'T1595.001': 'Scanning IP Blocks',
  T1606: 'Forge Web Credentials',
  'T1606.002': 'SAML Tokens',
  T1609: 'Container Administration Command',
  T1610: 'Deploy Container',
  T1613: 'Container and Resource Discovery',
  T1619: 'Cloud Storage Object Discovery',
  T1621: 'Multi-Factor Authentication Request Generation',
  T1648: 'Serverless Execution',
  T1649: 'Steal or Forge Authentication Certificates',
  T1651: 'Cloud Administration Command',
  T1654: 'Log Enumeration',
  T1666: 'Modify Cloud Resource Hierarchy',
};

export class AttackMappingError extends Error {
  override name = 'AttackMappingError';
}

/** ATT&CK tactic ids and names, in matrix order. */
export const ATTACK_TACTICS: readonly { uid: string; name: string }[] = Object.entries(TACTICS).map(
  ([uid, name]) => ({
    uid,
    name,
  }),
);

/** The technique's name, or undefined when the id is not in Vigil's table. */
export function techniqueName(id: string): string | undefined {
  return TECHNIQUES[id];
}

export function isKnownTactic(id: string): boolean {
  return id in TACTICS;
}

export function isKnownTechnique(id: string): boolean {
  return id in TECHNIQUES;
}

/**
 * Expands a rule's tactic and technique ids into OCSF `attacks`, one per tactic, with the
 * parent technique and sub-technique split as OCSF wants them.
 */
export function toAttacks(tactics: readonly string[], techniques: readonly string[]): Attack[] {
  const attacks: Attack[] = [];
  for (const tacticId of tactics) {
    const tacticName = TACTICS[tacticId];
    if (!tacticName) throw new AttackMappingError(`unknown ATT&CK tactic ${tacticId}`);
    for (const id of techniques) {
      const name = TECHNIQUES[id];
      if (!name) throw new AttackMappingError(`unknown ATT&CK technique ${id}`);
      const parent = id.split('.')[0] as string;
      const parentName = TECHNIQUES[parent];
      if (!parentName) throw new AttackMappingError(`unknown ATT&CK technique ${parent} (parent of ${id})`);
      const attack: Attack = {
        tactic: { uid: tacticId, name: tacticName, src_url: attackUrl(tacticId) },
        technique: { uid: parent, name: parentName, src_url: attackUrl(parent) },
        version: ATTACK_VERSION,
      };
      if (parent !== id) attack.sub_technique = { uid: id, name, src_url: attackUrl(id) };
      attacks.push(attack);
    }
  }
  return attacks;
}
