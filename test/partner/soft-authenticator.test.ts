import { describe, expect, it } from "vitest";
import { rawToDer } from "../support/webauthn-bytes";

// Random signatures reach these cases only now and then: each is pinned here, so a bug in the
// conversion fails every run, not one sign-in test in a few.
describe("soft authenticator: ECDSA raw r‖s to DER", () => {
  const raw = (r: number[], s: number[]) => {
    const bytes = new Uint8Array(64);
    bytes.set(r, 32 - r.length);
    bytes.set(s, 64 - s.length);
    return bytes;
  };

  it("drops leading zero bytes, keeping one for a zero", () => {
    expect([...rawToDer(raw([0x01], [0]))]).toEqual([0x30, 6, 0x02, 1, 0x01, 0x02, 1, 0x00]);
  });

  it("prepends a zero byte to a number whose top bit is set (DER integers are signed)", () => {
    const r = Array.from({ length: 32 }, () => 0xff);
    const der = rawToDer(raw(r, [0x7f]));
    expect([...der.subarray(0, 5)]).toEqual([0x30, 2 + 33 + 3, 0x02, 33, 0x00]);
    expect([...der.subarray(-3)]).toEqual([0x02, 1, 0x7f]);
  });
});
