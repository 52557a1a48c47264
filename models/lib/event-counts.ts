const DAY = 86_400_000;

/** Benign events per UTC day, as `labelledRun` reports them, summed over [from, to). */
export function benignEventsBetween(
  eventsByDay: Readonly<Record<string, { readonly benign: number }>>,
  from: number,
  to: number,
): number {
  let total = 0;
  for (let t = from; t < to; t += DAY)
    total += eventsByDay[new Date(t).toISOString().slice(0, 10)]?.benign ?? 0;
  return total;
}
