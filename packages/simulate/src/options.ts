import { SimulateOptionsError } from './errors.ts';
import { DAY } from './time.ts';
import type { CampaignSpec, SimulateOptions } from './types.ts';

export interface ResolvedOptions {
  seed: number;
  /** First simulated instant (epoch ms). */
  start: number;
  /** End of the range, excluded. */
  end: number;
  days: number;
  scale: number;
  campaigns: number | readonly CampaignSpec[];
}

const KEYS = new Set(['seed', 'start', 'days', 'scale', 'campaigns']);
const SPEC_KEYS = new Set(['technique', 'actor', 'at']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value);
}

/** Checks the options and fills in the defaults; unknown keys are refused so typos fail loudly. */
export function resolveOptions(options: SimulateOptions): ResolvedOptions {
  for (const key of Object.keys(options))
    if (!KEYS.has(key))
      throw new SimulateOptionsError(
        `simulate: unknown option "${key}" (expected seed, start, days, scale or campaigns)`,
      );
  const { seed, start = '2026-10-01', days = 14, scale = 1, campaigns = 0 } = options;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new SimulateOptionsError(`simulate: seed must be a non-negative integer, got ${describe(seed)}`);
  if (typeof start !== 'string' || !(DATE.test(start) || ZONED_TIME.test(start)))
    throw new SimulateOptionsError(
      `simulate: start must be a date (2026-10-01) or an ISO time with a zone, got ${describe(start)}`,
    );
  const parsed = Date.parse(start);
  if (Number.isNaN(parsed))
    throw new SimulateOptionsError(`simulate: start is not a valid date, got ${describe(start)}`);
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new SimulateOptionsError(`simulate: days must be an integer from 1 to 366, got ${describe(days)}`);
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 100))
    throw new SimulateOptionsError(
      `simulate: scale must be a number above 0 and at most 100, got ${describe(scale)}`,
    );
  checkCampaigns(campaigns);
  return { seed, start: parsed, end: parsed + days * DAY, days, scale, campaigns };
}

function checkCampaigns(campaigns: unknown): void {
  if (typeof campaigns === 'number') {
    if (!Number.isInteger(campaigns) || campaigns < 0 || campaigns > 1000)
      throw new SimulateOptionsError(
        `simulate: campaigns must be an integer from 0 to 1000 or a list of campaigns, got ${describe(campaigns)}`,
      );
    return;
  }
  if (!Array.isArray(campaigns))
    throw new SimulateOptionsError(
      `simulate: campaigns must be a number or a list, got ${describe(campaigns)}`,
    );
  campaigns.forEach((spec: unknown, i) => {
    if (typeof spec !== 'object' || spec === null)
      throw new SimulateOptionsError(`simulate: campaign ${i + 1} must be an object, got ${describe(spec)}`);
    for (const key of Object.keys(spec))
      if (!SPEC_KEYS.has(key))
        throw new SimulateOptionsError(
          `simulate: campaign ${i + 1}: unknown key "${key}" (expected technique, actor or at)`,
        );
  });
}
