import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, postback, setupClick } from "../support/helpers";

/** A POST with `Content-Type: application/json` and no body, as many HTTP clients send. */
function emptyJsonPost(path: string, token: string | null = ADMIN_TOKEN) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return call(path, { method: "POST", headers, body: "" });
}

describe("an empty body is no body, whatever its Content-Type", () => {
  it("approves, refuses and rotates a key on an empty JSON POST", async () => {
    const { key, aecid, program, link } = await setupClick();
    const first = await postback({ key, id: "e-1", amount: "5", currency: "EUR", cids: aecid });
    const approved = await emptyJsonPost(`/api/conversions/${first.body.conversion_id}/approve`);
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as any).status).toBe("approved");

    const refused = await emptyJsonPost(`/api/conversions/${first.body.conversion_id}/refuse`);
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ status: "refused", refuse_reason: null });

    const rotated = await emptyJsonPost(`/api/programs/${program.id}/rotate-key`);
    expect(rotated.status).toBe(200);
    expect(link.id).toBeTruthy();
  });

  it("still validates a body that is there, and still requires a required one", async () => {
    const { key, aecid } = await setupClick();
    const first = await postback({ key, id: "e-2", amount: "5", currency: "EUR", cids: aecid });
    const bad = await call(`/api/conversions/${first.body.conversion_id}/refuse`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    const required = await emptyJsonPost("/api/partners");
    expect(required.status).toBe(400);
    expect(((await required.json()) as any).error.code).toBe("invalid_request");
  });

  it("takes a POST /postback with an empty JSON body and its fields in the query", async () => {
    const { key, aecid } = await setupClick();
    const response = await call(`/postback?key=${key}&id=e-3&amount=5&currency=EUR&cids=${aecid}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "",
    });
    expect(response.status).toBe(201);
  });

  it("answers 401 before reading anything without the admin token", async () => {
    expect((await emptyJsonPost("/api/partners", null)).status).toBe(401);
  });
});
