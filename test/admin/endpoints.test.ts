import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { api, createPartner, createProgram } from "../support/helpers";
import { received, receiverHost, reply } from "../support/receiver-client";

describe("outbound endpoints, through the admin API", () => {
  it("creates a POST endpoint with its signing secret shown once, reads, lists, changes and deletes it", async () => {
    const partner = await createPartner();
    const host = receiverHost();
    const created = await api("POST", "/endpoints", {
      url: `https://${host}/hooks/aecid`,
      method: "POST",
      events: ["conversion.registered", "conversion.approved"],
      partner_id: partner.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ enabled: true, method: "POST", partner_id: partner.id });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await api("GET", `/endpoints/${created.body.id}`);
    expect(read.body).not.toHaveProperty("secret");
    const { secret: _shownOnce, ...withoutSecret } = created.body;
    expect(read.body).toEqual(withoutSecret);
    // The secret is in no table: it is derived from WEBHOOK_KEY whenever it is needed.
    const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM endpoints").all());
    expect(dump).not.toContain(created.body.secret.slice(6, 30));
    const listed = await api("GET", `/endpoints?partner_id=${partner.id}`);
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
    const patched = await api("PATCH", `/endpoints/${created.body.id}`, {
      events: ["conversion.refused"],
      enabled: false,
    });
    expect(patched.body).toMatchObject({
      events: ["conversion.refused"],
      enabled: false,
      disabled_reason: "disabled by the operator",
    });
    const enabled = await api("PATCH", `/endpoints/${created.body.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabled_reason: null });
    const rotated = await api("POST", `/endpoints/${created.body.id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect((await api("DELETE", `/endpoints/${created.body.id}`)).body).toEqual({
      id: created.body.id,
      deleted: true,
    });
    expect((await api("GET", `/endpoints/${created.body.id}`)).status).toBe(404);
  });

  it("refuses every URL of the SSRF corpus, unknown macros and macros in the host, each with a reason", async () => {
    for (const url of env.CORPORA.ssrfUrls) {
      const answer = await api("POST", "/endpoints", {
        url,
        method: "GET",
        events: ["conversion.registered"],
      });
      expect(answer.status, url).toBe(400);
      expect(answer.body.error.fields.url, url).toBeTruthy();
    }
    const unknown = await api("POST", "/endpoints", {
      url: "https://partner.example/cb?c={clickid}&p={payout}",
      method: "GET",
      events: ["conversion.registered"],
    });
    expect(unknown.body.error.fields.url).toBe("has unknown macros: {clickid}, {payout}");
    const inHost = await api("POST", "/endpoints", {
      url: "https://{sub1}.partner.example/cb",
      method: "GET",
      events: ["conversion.registered"],
    });
    expect(inHost.body.error.fields.url).toMatch(/host/);
    // The URL parser reads `https:/x` and `https:/\x` as `https://x`: these hosts are sub-IDs.
    for (const url of [
      "https:/{sub1}.{sub2}/cb",
      "https:/\\{sub1}.{sub2}/cb",
      "https:/\t/{sub1}.{sub2}/cb",
      "https:{sub1}.{sub2}/cb",
    ]) {
      const answer = await api("POST", "/endpoints", {
        url,
        method: "GET",
        events: ["conversion.registered"],
      });
      expect(answer.status, url).toBe(400);
      expect(answer.body.error.fields.url, url).toMatch(/macro in its scheme, host or port/);
    }
    const noSuchProgram = await api("POST", "/endpoints", {
      url: "https://partner.example/cb",
      method: "GET",
      events: ["conversion.registered"],
      program_id: "0123456789abcdef01234567",
    });
    expect(noSuchProgram.body.error.fields).toEqual({ program_id: "names no program" });
  });

  it("sends a signed test event on demand, answers the attempt and logs it", async () => {
    const program = await createProgram();
    const host = receiverHost();
    const endpoint = await api("POST", "/endpoints", {
      url: `https://${host}/webhook`,
      method: "POST",
      events: ["conversion.registered"],
      program_id: program.id,
    });
    await reply(host, 202, "accepted");
    const test = await api("POST", `/endpoints/${endpoint.body.id}/test`);
    expect(test.body).toMatchObject({
      ok: true,
      http_status: 202,
      error: null,
      response: "accepted",
    });
    const [request] = await received(host);
    const payload = new Webhook(endpoint.body.secret).verify(
      request?.body ?? "",
      request?.headers ?? {},
    );
    expect(payload).toMatchObject({
      type: "conversion.registered",
      data: { id: "test", program_id: program.id },
    });
    const log = await api("GET", `/deliveries?endpoint_id=${endpoint.body.id}`);
    expect(log.body.data[0]).toMatchObject({
      outcome: "test",
      http_status: 202,
      response: "accepted",
    });
    expect(JSON.stringify(log.body)).not.toContain(endpoint.body.secret);
    await reply(host, 500, "boom");
    expect((await api("POST", `/endpoints/${endpoint.body.id}/test`)).body).toMatchObject({
      ok: false,
      http_status: 500,
    });
  });
});
