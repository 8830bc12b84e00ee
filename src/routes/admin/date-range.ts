import { z } from "@hono/zod-openapi";
import { invalidFields } from "../../errors";

/**
 * One rule for every `from`/`to` of the admin API: each takes a UTC day (`YYYY-MM-DD`) or an
 * ISO 8601 instant. Whole days are inclusive (`to=2026-11-25` takes all of that day), instants
 * are exclusive as an end (`to=2026-11-25T12:00:00Z` stops just before noon); `from` is inclusive.
 */
const DAY_MS = 86_400_000;

const DayOrInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/,
    "must be a day (YYYY-MM-DD) or an ISO 8601 time",
  )
  .transform((value, ctx) => {
    const day = value.length === 10;
    const ms = Date.parse(day ? `${value}T00:00:00Z` : value);
    // Date.parse rolls 2026-02-30 over to March: a real day formats back to itself.
    if (Number.isNaN(ms) || (day && new Date(ms).toISOString().slice(0, 10) !== value)) {
      ctx.addIssue({ code: "custom", message: "is not a real date" });
      return z.NEVER;
    }
    return { ms, day };
  });

/** Inclusive start, in Unix milliseconds. */
export const From = DayOrInstant.transform(({ ms }) => ms).openapi({
  description: "Start, inclusive: a UTC day (YYYY-MM-DD) or an ISO 8601 instant",
  example: "2026-11-01",
});

/** Exclusive end, in Unix milliseconds: the day after a whole day, or the instant itself. */
export const To = DayOrInstant.transform(({ ms, day }) => (day ? ms + DAY_MS : ms)).openapi({
  description:
    "End: a UTC day (YYYY-MM-DD) is inclusive, the whole day; an ISO 8601 instant is exclusive",
  example: "2026-11-30",
});

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A report's range in whole UTC days (its counters are daily): the bounds must fall on midnight
 * UTC. Defaults: `to` today, `from` 29 days before `to`.
 */
export function wholeDays(from: number | undefined, to: number | undefined, maxDays: number) {
  const endMs = to ?? Date.parse(`${utcDay(Date.now())}T00:00:00Z`) + DAY_MS;
  const startMs = from ?? endMs - 30 * DAY_MS;
  const fields: Record<string, string> = {};
  const notMidnight = "must be a day or a midnight UTC instant: reports are kept per UTC day";
  if (startMs % DAY_MS !== 0) fields.from = notMidnight;
  if (endMs % DAY_MS !== 0) fields.to = notMidnight;
  if (!fields.from && !fields.to && startMs >= endMs) fields.from = "must be before to";
  if (!fields.from && (endMs - startMs) / DAY_MS > maxDays)
    fields.from = `the range must be at most ${maxDays} days`;
  if (Object.keys(fields).length) throw invalidFields(fields);
  return { fromDay: utcDay(startMs), toDay: utcDay(endMs - DAY_MS) };
}
