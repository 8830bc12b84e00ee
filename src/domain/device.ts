/**
 * What a click keeps of its user agent: a short device label (browser, system, form factor), which
 * is what fraud checks group by, and (stored apart) a 16-byte hash of the whole string, which tells
 * "the very same user agent" apart without keeping it. A few pattern tests, not a parser library:
 * the label only needs the big families, and the hash keeps exact equality.
 */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bChrome\/|\bCriOS\/|\bChromium\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, "Android"],
  [/\biPhone\b|\biPad\b|\biPod\b/, "iOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const first = (ua: string, table: [RegExp, string][]) =>
  table.find(([pattern]) => pattern.test(ua))?.[1] ?? "other";

/** `Chrome 131 / Windows / desktop`; null for an empty user agent. */
export function deviceLabel(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = first(userAgent, BROWSERS);
  const version = browser === "other" ? null : versionOf(userAgent, browser);
  const system = first(userAgent, SYSTEMS);
  const form = /\biPad\b|\bTablet\b/.test(userAgent)
    ? "tablet"
    : /\bMobi|\biPhone\b|\bAndroid\b/.test(userAgent)
      ? "mobile"
      : "desktop";
  return `${browser}${version ? ` ${version}` : ""} / ${system} / ${form}`;
}

const VERSION_TOKENS: Record<string, RegExp> = {
  Edge: /\bEdg(?:e|A|iOS)?\/(\d+)/,
  Opera: /\bOPR\/(\d+)/,
  Samsung: /\bSamsungBrowser\/(\d+)/,
  Firefox: /\b(?:Firefox|FxiOS)\/(\d+)/,
  Chrome: /\b(?:Chrome|CriOS|Chromium)\/(\d+)/,
  Safari: /\bVersion\/(\d+)/,
};

function versionOf(ua: string, browser: string): string | null {
  return VERSION_TOKENS[browser]?.exec(ua)?.[1] ?? null;
}
