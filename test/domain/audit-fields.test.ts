import { describe, expect, it } from "vitest";
import { auditFields, SECRET_MARK, urlForAudit } from "../../src/domain/audit-fields";

describe("audit fields", () => {
  it("keeps given fields, drops undefined ones, and masks secrets at any depth", () => {
    expect(
      auditFields({
        name: "Shop",
        hold_days: undefined,
        signing_secret: "whsec_abc",
        goals: [{ name: "sale", api_key: "k" }],
        nested: { token: "t", ok: 1 },
      }),
    ).toEqual({
      name: "Shop",
      signing_secret: SECRET_MARK,
      goals: [{ name: "sale", api_key: SECRET_MARK }],
      nested: { token: SECRET_MARK, ok: 1 },
    });
    expect(auditFields(null)).toEqual({});
  });

  it("keeps a URL's query names, never its values", () => {
    expect(urlForAudit("https://p.example/pb?key=s3cret&cid={aecid}")).toBe(
      "https://p.example/pb?key=…&cid=…",
    );
    expect(urlForAudit("https://p.example/pb")).toBe("https://p.example/pb");
    expect(urlForAudit(undefined)).toBeUndefined();
  });
});
