import { describe, expect, it } from "vitest";
import { fromLegacyMinorUnits } from "../../src/domain/legacy-minor-units";

describe("amounts stored on the Intl scale", () => {
  it("are rescaled to ISO 4217 for the currencies whose exponent changed, and only those", () => {
    expect(fromLegacyMinorUnits(1500, "HUF")).toBe(150_000);
    expect(fromLegacyMinorUnits(25, "IQD")).toBe(25_000);
    expect(fromLegacyMinorUnits(1250, "XDR")).toBe(13);
    expect(fromLegacyMinorUnits(1249, "XDR")).toBe(12);
    expect(fromLegacyMinorUnits(4990, "EUR")).toBe(4990);
    expect(fromLegacyMinorUnits(500, "JPY")).toBe(500);
  });
});
