import { describe, expect, it } from "vitest";
import { call, createLink, createPartner, createProgram } from "../support/helpers";
import { signInPartner } from "../support/partner-session";

describe("GET /api/partner/links?format=csv", () => {
  it("is the partner's own links, every one, and another's program is a 404", async () => {
    const [program, other] = [await createProgram(), await createProgram({ name: "Other" })];
    const [alice, bob] = [await createPartner("Alice"), await createPartner("Bob")];
    const own = [
      await createLink(program.id, alice.id),
      await createLink(program.id, alice.id, "https://shop.example/=cmd|calc"),
    ];
    await createLink(program.id, bob.id);
    await createLink(other.id, bob.id);
    const browser = await signInPartner(alice.id);
    const answer = await browser.fetchAs("/links?format=csv");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await answer.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("link_id,program_id,url,destination,disabled,created_at");
    expect(
      lines
        .slice(1)
        .map((line) => line.split(",")[0])
        .sort(),
    ).toEqual(own.map((link) => link.id).sort());
    expect(lines.join("\n")).toContain("https://shop.example/=cmd|calc");
    expect((await browser.fetchAs(`/links?format=csv&program_id=${other.id}`)).status).toBe(404);
    // A partner's script downloads it with its token, as the portal does with its cookie.
    const { body: token } = await browser.json("POST", "/tokens", { name: "csv" });
    const byToken = await call("/api/partner/links?format=csv", {
      headers: { Authorization: `Bearer ${token.token}` },
    });
    expect((await byToken.text()).trimEnd().split("\r\n")).toHaveLength(3);
  });
});
