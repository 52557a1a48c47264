const BROWSERS = ['Edg/', 'OPR/', 'Firefox/', 'Chrome/', 'Safari/'] as const;

/**
 * The family of a user agent: the first product token, lower-cased (`aws-cli`, `boto3`,
 * `terraform`, `google-api-go-client`), and for browsers the browser (`browser/chrome`).
 * Versions are dropped so upgrades are not novelty; a new family is.
 */
export function userAgentFamily(ua: string | undefined): string | undefined {
  if (!ua) return undefined;
  if (ua.startsWith('Mozilla/')) {
    for (const b of BROWSERS) if (ua.includes(b)) return `browser/${b.slice(0, -1).toLowerCase()}`;
    return 'browser/other';
  }
  let end = 0;
  while (end < ua.length && end < 40) {
    const c = ua.charCodeAt(end);
    // Stop at '/', space, '(', ',' and ';': the product name ends there.
    if (c === 47 || c === 32 || c === 40 || c === 44 || c === 59) break;
    end++;
  }
  const family = ua.slice(0, end).toLowerCase();
  return family.length > 0 ? family : undefined;
}
