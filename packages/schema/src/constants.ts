/** OCSF schema version every Vigil event and finding claims in `metadata.version`. */
export const OCSF_VERSION = '1.8.0';

export const PRODUCT = { name: 'Vigil', vendor_name: 'Vigil', version: '0.1.0' } as const;

export const CLASS = {
  ACCOUNT_CHANGE: {
    class_uid: 3001,
    class_name: 'Account Change',
    category_uid: 3,
    category_name: 'Identity & Access Management',
  },
  AUTHENTICATION: {
    class_uid: 3002,
    class_name: 'Authentication',
    category_uid: 3,
    category_name: 'Identity & Access Management',
  },
  NETWORK_ACTIVITY: {
    class_uid: 4001,
    class_name: 'Network Activity',
    category_uid: 4,
    category_name: 'Network Activity',
  },
  API_ACTIVITY: {
    class_uid: 6003,
    class_name: 'API Activity',
    category_uid: 6,
    category_name: 'Application Activity',
  },
  DETECTION_FINDING: {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
  },
} as const;

/**
 * OCSF profiles each class applies, by class_uid, for `metadata.profiles`. The schemas admit the
 * attributes of exactly these profiles: `cloud` everywhere, `security_control` for the flow verdict
 * (`action_id`, `disposition_id`), `host` for the finding's `actor`.
 */
export const CLASS_PROFILES = {
  6003: ['cloud'],
  3002: ['cloud'],
  3001: ['cloud'],
  4001: ['cloud', 'security_control'],
  2004: ['cloud', 'host'],
} as const satisfies Record<number, readonly string[]>;

export const SEVERITY = {
  UNKNOWN: 0,
  INFORMATIONAL: 1,
  LOW: 2,
  MEDIUM: 3,
  HIGH: 4,
  CRITICAL: 5,
  FATAL: 6,
  OTHER: 99,
} as const;

export const SEVERITY_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Informational',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Critical',
  6: 'Fatal',
  99: 'Other',
};

export const STATUS = { UNKNOWN: 0, SUCCESS: 1, FAILURE: 2, OTHER: 99 } as const;
export const STATUS_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Success',
  2: 'Failure',
  99: 'Other',
};

/** activity_id enums per class, as in the OCSF 1.8.0 class files. */
export const API_ACTIVITY = { UNKNOWN: 0, CREATE: 1, READ: 2, UPDATE: 3, DELETE: 4, OTHER: 99 } as const;
export const API_ACTIVITY_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Create',
  2: 'Read',
  3: 'Update',
  4: 'Delete',
  99: 'Other',
};
export const AUTHENTICATION_ACTIVITY = {
  UNKNOWN: 0,
  LOGON: 1,
  LOGOFF: 2,
  AUTHENTICATION_TICKET: 3,
  SERVICE_TICKET_REQUEST: 4,
  SERVICE_TICKET_RENEW: 5,
  PREAUTH: 6,
  ACCOUNT_SWITCH: 7,
  OTHER: 99,
} as const;
export const AUTHENTICATION_ACTIVITY_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Logon',
  2: 'Logoff',
  3: 'Authentication Ticket',
  4: 'Service Ticket Request',
  5: 'Service Ticket Renew',
  6: 'Preauth',
  7: 'Account Switch',
  99: 'Other',
};
export const ACCOUNT_CHANGE_ACTIVITY = {
  UNKNOWN: 0,
  CREATE: 1,
  ENABLE: 2,
  PASSWORD_CHANGE: 3,
  PASSWORD_RESET: 4,
  DISABLE: 5,
  DELETE: 6,
  ATTACH_POLICY: 7,
  DETACH_POLICY: 8,
  LOCK: 9,
  MFA_FACTOR_ENABLE: 10,
  MFA_FACTOR_DISABLE: 11,
  UNLOCK: 12,
  OTHER: 99,
} as const;
export const ACCOUNT_CHANGE_ACTIVITY_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Create',
  2: 'Enable',
  3: 'Password Change',
  4: 'Password Reset',
  5: 'Disable',
  6: 'Delete',
  7: 'Attach Policy',
  8: 'Detach Policy',
  9: 'Lock',
  10: 'MFA Factor Enable',
  11: 'MFA Factor Disable',
  12: 'Unlock',
  99: 'Other',
};
export const NETWORK_ACTIVITY = {
  UNKNOWN: 0,
  OPEN: 1,
  CLOSE: 2,
  RESET: 3,
  FAIL: 4,
  REFUSE: 5,
  TRAFFIC: 6,
  LISTEN: 7,
  OTHER: 99,
} as const;
export const NETWORK_ACTIVITY_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Open',
  2: 'Close',
  3: 'Reset',
  4: 'Fail',
  5: 'Refuse',
  6: 'Traffic',
  7: 'Listen',
  99: 'Other',
};

/** `connection_info.direction_id`, required by OCSF whenever `connection_info` is present. */
export const NETWORK_DIRECTION = {
  UNKNOWN: 0,
  INBOUND: 1,
  OUTBOUND: 2,
  LATERAL: 3,
  LOCAL: 4,
  OTHER: 99,
} as const;
export const NETWORK_DIRECTION_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Inbound',
  2: 'Outbound',
  3: 'Lateral',
  4: 'Local',
  99: 'Other',
};

/** `action_id` of the security_control profile, limited to the values the schema admits. */
export const ACTION = { UNKNOWN: 0, ALLOWED: 1, DENIED: 2, OTHER: 99 } as const;
export const ACTION_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Allowed',
  2: 'Denied',
  99: 'Other',
};

export const FINDING_ACTIVITY = { CREATE: 1, UPDATE: 2, CLOSE: 3 } as const;
export const FINDING_ACTIVITY_NAME: Readonly<Record<number, string>> = {
  1: 'Create',
  2: 'Update',
  3: 'Close',
};
export const FINDING_STATUS = {
  NEW: 1,
  IN_PROGRESS: 2,
  SUPPRESSED: 3,
  RESOLVED: 4,
  ARCHIVED: 5,
  DELETED: 6,
} as const;
export const FINDING_STATUS_NAME: Readonly<Record<number, string>> = {
  1: 'New',
  2: 'In Progress',
  3: 'Suppressed',
  4: 'Resolved',
  5: 'Archived',
  6: 'Deleted',
};
export const ANALYTIC_TYPE = { UNKNOWN: 0, RULE: 1, BEHAVIORAL: 2, STATISTICAL: 3, LEARNING: 4 } as const;
export const ANALYTIC_TYPE_NAME: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Rule',
  2: 'Behavioral',
  3: 'Statistical',
  4: 'Learning (ML/DL)',
};
