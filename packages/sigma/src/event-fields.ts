import type { OcsfEvent, User } from '@vigil/schema';

/** The principal behind an event: the actor, or for sign-ins (which have none) the user signing in. */
function principalOf(event: OcsfEvent): User | undefined {
  if ('actor' in event && event.actor?.user) return event.actor.user;
  if ('user' in event && event.user) return event.user;
  return undefined;
}

export function actorOf(event: OcsfEvent): string | undefined {
  const user = principalOf(event);
  return user?.name ?? user?.uid;
}

export function accountOf(event: OcsfEvent): string | undefined {
  return event.cloud?.account?.uid;
}

export function operationOf(event: OcsfEvent): string | undefined {
  return ('api' in event ? event.api?.operation : undefined) ?? event.metadata.event_code;
}
