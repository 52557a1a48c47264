import type { SourceKind } from '@vigil/decode';
import type { Day } from './activity/day.ts';
import { type CampaignInfo, runCampaigns } from './campaigns/campaigns.ts';
import { EventQueue } from './event-queue.ts';
import type { Built } from './formats/cloudtrail.ts';
import { resolveOptions } from './options.ts';
import { organisation } from './org/organisation.ts';
import { personasOf } from './personas.ts';
import { Random } from './random.ts';
import { DAY, HOUR, localMidnight } from './time.ts';
import type { SimRecord, SimulateOptions } from './types.ts';

/**
 * How far before its UTC date a persona's local day can start (UTC+14), so how long records
 * must wait in the queue before nothing earlier can still be generated.
 */
const MAX_ZONE_LEAD = 14 * HOUR;

/**
 * Benign activity of a whole organisation, record by record in time order, in each source's
 * native format. Personas generate one local day at a time into a queue that releases records
 * once no later day can produce anything earlier, so memory stays within about two days of
 * records whatever the range. Same options, same records, byte for byte. Attack campaigns, when
 * asked for, are mixed in with `label: 'attack'` and leave the benign records unchanged.
 */
export function* simulate(options: SimulateOptions): Generator<SimRecord> {
  const settings = resolveOptions(options);
  const org = organisation();
  const personas = personasOf(org);
  const queue = new EventQueue<SimRecord>();
  // Campaign records wait in the queue until the benign activity around them is released.
  if (settings.campaigns !== 0)
    for (const r of runCampaigns(settings, org, settings.campaigns).records) queue.push(r);
  const first = Math.floor(settings.start / DAY) * DAY;
  const last = Math.floor((settings.end - 1) / DAY) * DAY;
  // The day before the range reaches into it in zones behind UTC (and through late work); the
  // day after it does in zones ahead of UTC. Records outside the range are dropped.
  for (let utcDay = first - DAY; utcDay <= last + DAY; utcDay += DAY) {
    const index = Math.round((utcDay - first) / DAY);
    for (const persona of personas) {
      const id = persona.id;
      const emit = (source: SourceKind, time: number, principal: string, built: Built, as?: string) => {
        if (time < settings.start || time >= settings.end) return;
        queue.push({
          source,
          text: built.text,
          time,
          uid: built.uid,
          persona: as ?? id,
          principal,
          label: 'benign',
        });
      };
      const day: Day = {
        index,
        days: settings.days,
        start: first,
        midnight: localMidnight(persona.zone, utcDay),
        weekday: new Date(utcDay).getUTCDay(),
        scale: settings.scale,
        seed: settings.seed,
        rng: Random.derive(settings.seed, persona.id, index),
        org,
        emit,
      };
      persona.day(day);
    }
    yield* queue.drainBefore(Math.min(utcDay + DAY - MAX_ZONE_LEAD, settings.end));
  }
  yield* queue.drainBefore(settings.end);
}

/** The campaigns a run with these options contains (the same ones `simulate` writes). */
export function campaignsOf(options: SimulateOptions): CampaignInfo[] {
  const settings = resolveOptions(options);
  return settings.campaigns === 0 ? [] : runCampaigns(settings, organisation(), settings.campaigns).infos;
}
