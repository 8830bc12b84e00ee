// Postback fields and calls shared by the registration, replay and fault tests.
import {
  createExecutionContext,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import worker from "../../src/index";
import { ORIGIN, rowCount } from "./helpers";

export const fieldsFor = (key: string, aecid: string, id: string) => ({
  key,
  id,
  amount: "99.90",
  currency: "EUR",
  cids: aecid,
});

export const fields = (
  key: string,
  aecid: string,
  id: string,
  extra: Record<string, string> = {},
) => ({
  key,
  id,
  amount: "10.00",
  currency: "EUR",
  cids: aecid,
  ...extra,
});

export async function nothingMade(
  programId: string,
  orderId: string,
  aecid: string | null,
  customer?: string,
) {
  expect(
    await rowCount(
      "SELECT count(*) AS n FROM conversions WHERE program_id = ?1 AND order_id = ?2",
      programId,
      orderId,
    ),
  ).toBe(0);
  expect(
    await rowCount(
      "SELECT count(*) AS n FROM postback_log WHERE program_id = ?1 AND outcome = 'registered'",
      programId,
    ),
  ).toBe(0);
  if (customer) {
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM customer_bindings WHERE program_id = ?1 AND customer = ?2",
        programId,
        customer,
      ),
    ).toBe(0);
  }
  if (aecid) {
    const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(aecid));
    expect(
      await runInDurableObject(
        guard,
        (_instance, state) => state.storage.kv.get("conversion") ?? null,
      ),
    ).toBeNull();
  }
}

/** Calls the Worker with some bindings swapped, the seam every binding goes through. */
export async function postbackWith(overrides: Partial<Env>, query: Record<string, string>) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/?${new URLSearchParams(query)}`),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}
