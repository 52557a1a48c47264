/** The last path segment of an ARN (`…:assumed-role/Admin/alice` → `alice`). */
export function arnLeaf(arn: string): string | undefined {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 && slash < arn.length - 1 ? arn.slice(slash + 1) : undefined;
}

/** The account field of an ARN (`arn:aws:sts::123456789012:…` → `123456789012`). */
export function arnAccount(arn: string): string | undefined {
  let start = 0;
  for (let field = 0; field < 4; field++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return undefined;
  }
  const end = arn.indexOf(':', start);
  return end > start ? arn.slice(start, end) : undefined;
}

/**
 * True when `sourceIPAddress` holds an address rather than a service name such as
 * `ec2.amazonaws.com` or `AWS Internal`: IPv4 is digits and dots, IPv6 has a colon and hex digits.
 * A character scan, because this runs for every record.
 */
export function isIpLiteral(value: string): boolean {
  let dots = 0;
  let colons = 0;
  let letters = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46) dots++;
    else if (c === 58) colons++;
    else if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) letters++;
    else if (c < 48 || c > 57) return false;
  }
  return colons > 0 || (dots === 3 && letters === 0);
}

/** How a bad value looks in a reject reason: its type, and a short preview for strings. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length === 0
      ? 'an empty string'
      : `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value;
}

/**
 * Epoch ms of an ISO-8601 date-time that carries its zone (`2024-03-05T14:02:11Z`, as CloudTrail
 * writes times); undefined otherwise. A time without a zone would parse as local time and make
 * the result depend on the machine, so it is refused.
 */
export function isoTimeMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length < 20) return undefined;
  const t = value.charCodeAt(10);
  if (
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    (t !== 84 && t !== 116) ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58
  )
    return undefined;
  const last = value.charCodeAt(value.length - 1);
  const sign = value.charCodeAt(value.length - 6);
  if (last !== 90 && last !== 122 && sign !== 43 && sign !== 45) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || ms < 0 ? undefined : ms;
}
