// The operator's side of partner sign-up, pure (no DOM, no library): the applications list's
// query, an applicant's website as a link only when it is http(s), the public form's URL, and
// what a refused decision says.
import { filterQuery } from "../ui/paging.js";

/** The status filter's choices; pending first, as the area opens on it. */
export const STATUS_OPTIONS = [
  ["pending", "Pending"],
  ["approved", "Approved"],
  ["rejected", "Rejected"],
  ["", "All"],
];

/** `GET /api/applications` with the filters that have a value. */
export function applicationsPath({ status, program_id }) {
  const query = filterQuery({ status, program_id });
  return query ? `/applications?${query}` : "/applications";
}

/**
 * The applicant's website as an address a link may point to: http(s) only (the form checks it,
 * but a link is never made of anything else), else null and it is shown as text.
 */
export function websiteHref(text) {
  if (typeof text !== "string" || !URL.canParse(text)) return null;
  const url = new URL(text);
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

/** A program's public application form. */
export const joinUrl = (origin, programId) => `${origin}/join/${encodeURIComponent(programId)}`;

/** Whether a refusal is the API's 409: another tab or operator decided first. */
export const decidedAlready = (error) =>
  error?.code === "application_decided" || error?.status === 409;

/** The line shown when an approval or rejection came too late. */
export const DECIDED_ALREADY =
  "Already decided: that application was approved or rejected elsewhere (another tab or operator); nothing was changed, and the list now shows its decision.";
