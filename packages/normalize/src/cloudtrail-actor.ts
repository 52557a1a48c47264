import type { Actor, Session, User } from '@vigil/schema';
import { arnLeaf, isoTimeMs } from './cloudtrail-values.ts';
import { asRecord, asString } from './common.ts';

/** userIdentity.type → OCSF user type_id (User 1, Admin 2, Service 4; the rest Other 99). */
const USER_TYPE_ID: Readonly<Record<string, number>> = {
  Root: 2,
  IAMUser: 1,
  SAMLUser: 1,
  WebIdentityUser: 1,
  IdentityCenterUser: 1,
  AWSService: 4,
  Unknown: 0,
};

/**
 * The principal that made a CloudTrail call, from `userIdentity`. `name` is the IAM user name,
 * `root` for the root user, the role session name for assumed roles and federated users, and
 * the service for AWS services. Undefined when the identity names no one at all.
 */
export function cloudTrailUser(identity: Record<string, unknown>): User | undefined {
  const type = asString(identity.type);
  const arn = asString(identity.arn);
  const principalId = asString(identity.principalId);
  const accountId = asString(identity.accountId);
  const name =
    type === 'Root'
      ? 'root'
      : (asString(identity.userName) ??
        (arn !== undefined ? arnLeaf(arn) : undefined) ??
        (type === 'AWSService' ? asString(identity.invokedBy) : undefined));
  if (arn === undefined && principalId === undefined && name === undefined && accountId === undefined)
    return undefined;
  const user: User = {};
  if (arn !== undefined) {
    user.uid = arn;
    if (principalId !== undefined) user.uid_alt = principalId;
  } else if (principalId !== undefined) user.uid = principalId;
  if (name !== undefined) user.name = name;
  if (type !== undefined) {
    user.type = type;
    user.type_id = USER_TYPE_ID[type] ?? 99;
  }
  const credential = asString(identity.accessKeyId);
  if (credential !== undefined) user.credential_uid = credential;
  if (accountId !== undefined) user.account = { uid: accountId };
  return user;
}

/** The temporary session behind the call, from `userIdentity.sessionContext`. */
function cloudTrailSession(identity: Record<string, unknown>): Session | undefined {
  const context = asRecord(identity.sessionContext);
  if (context === undefined) return undefined;
  const session: Session = {};
  const issuer = asString(asRecord(context.sessionIssuer)?.arn);
  if (issuer !== undefined) session.issuer = issuer;
  const attributes = asRecord(context.attributes);
  if (attributes !== undefined) {
    const mfa = attributes.mfaAuthenticated;
    if (mfa === 'true' || mfa === true) session.is_mfa = true;
    else if (mfa === 'false' || mfa === false) session.is_mfa = false;
    const created = isoTimeMs(attributes.creationDate);
    if (created !== undefined) session.created_time = created;
  }
  return issuer !== undefined || session.is_mfa !== undefined || session.created_time !== undefined
    ? session
    : undefined;
}

/** OCSF actor of a CloudTrail record; undefined when `userIdentity` identifies nobody. */
export function cloudTrailActor(identity: Record<string, unknown>): Actor | undefined {
  const user = cloudTrailUser(identity);
  const session = cloudTrailSession(identity);
  const invokedBy = asString(identity.invokedBy);
  if (user === undefined && session === undefined && invokedBy === undefined) return undefined;
  const actor: Actor = {};
  if (user !== undefined) actor.user = user;
  if (session !== undefined) actor.session = session;
  if (invokedBy !== undefined) actor.invoked_by = invokedBy;
  const provider =
    asString(asRecord(asRecord(identity.sessionContext)?.webIdFederationData)?.federatedProvider) ??
    asString(identity.identityProvider);
  if (provider !== undefined) actor.idp = { name: provider };
  return actor;
}
