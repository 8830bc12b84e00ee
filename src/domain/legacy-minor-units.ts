/**
 * Before migration 0004, amounts were scaled with workerd's Intl exponents, which differ from
 * ISO 4217 for these currencies. D1 was rescaled by that migration; a ClickGuard's stored decision
 * is rescaled when it is read, with the same factors.
 */
const FACTORS: Readonly<Record<string, { multiply: bigint; divide: bigint }>> = {
  ...Object.fromEntries(
    ["AFN", "ALL", "COP", "HUF", "IDR", "IRR", "KPW", "LAK", "LBP"]
      .concat(["MGA", "MMK", "PKR", "RSD", "SOS", "SYP", "YER"])
      .map((code) => [code, { multiply: 100n, divide: 1n }]),
  ),
  IQD: { multiply: 1000n, divide: 1n },
  XDR: { multiply: 1n, divide: 100n },
  XSU: { multiply: 1n, divide: 100n },
};

/** An amount stored on the Intl scale, on the ISO 4217 scale (half-up when scaling down). */
export function fromLegacyMinorUnits(minor: number, currency: string): number {
  const factor = FACTORS[currency];
  if (!factor) return minor;
  const { multiply, divide } = factor;
  return Number((BigInt(minor) * multiply * 2n + divide) / (2n * divide));
}
