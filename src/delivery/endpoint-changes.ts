import { config } from "../config";
import { newId } from "../domain/ids";
import type { Endpoint, EventType } from "../domain/outbound";
import { invalidFields } from "../errors";
import { checkedEndpointUrl } from "./endpoint-rules";

/** An endpoint made or changed, by the operator (admin API) or a partner (its portal). */

/**
 * `payout.paid` (issue 28) is a signed JSON event about a payout, which spans programs: only a
 * POST endpoint bound to no program may subscribe, else a 400 naming `events`.
 */
function checkPayoutEvents(events: EventType[], method: "GET" | "POST", programId: string | null) {
  if (!events.includes("payout.paid")) return;
  if (method !== "POST")
    throw invalidFields({
      events: "payout.paid goes to POST endpoints only (a signed JSON event)",
    });
  if (programId !== null)
    throw invalidFields({
      events: "payout.paid goes to endpoints bound to no program (a payout spans programs)",
    });
}

export interface EndpointInput {
  url: string;
  method: "GET" | "POST";
  events: EventType[];
  partner_id?: string | null;
  program_id?: string | null;
}

/** A new endpoint from its checked input: the URL rules, and POST's need of WEBHOOK_KEY. */
export function newEndpoint(env: Env, input: EndpointInput, now: number): Endpoint {
  if (input.method === "POST" && !config(env).webhookKey)
    throw invalidFields({ method: "POST endpoints need the WEBHOOK_KEY secret set on the Worker" });
  checkPayoutEvents(input.events, input.method, input.program_id ?? null);
  return {
    id: newId(now),
    url: checkedEndpointUrl(env, input.url, input.method),
    method: input.method,
    events: [...new Set(input.events)],
    partnerId: input.partner_id ?? null,
    programId: input.program_id ?? null,
    enabled: true,
    disabledReason: null,
    secretGeneration: 1,
    failedStreak: 0,
    createdAt: now,
    updatedAt: now,
  };
}

export interface EndpointPatchInput {
  url?: string;
  events?: EventType[];
  enabled?: boolean;
}

/** The endpoint changed (enabling clears its failures; `disabledBy` says who disabled it). */
export function patchedEndpoint(
  env: Env,
  current: Endpoint,
  patch: EndpointPatchInput,
  now: number,
  disabledBy: string,
): Endpoint {
  const enabled = patch.enabled ?? current.enabled;
  if (patch.events) checkPayoutEvents(patch.events, current.method, current.programId);
  return {
    ...current,
    url: patch.url === undefined ? current.url : checkedEndpointUrl(env, patch.url, current.method),
    events: patch.events ? [...new Set(patch.events)] : current.events,
    enabled,
    disabledReason: enabled ? null : patch.enabled === false ? disabledBy : current.disabledReason,
    failedStreak: enabled && !current.enabled ? 0 : current.failedStreak,
    updatedAt: now,
  };
}
