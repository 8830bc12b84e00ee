// The checks every answer to hostile input must pass.
import { expect } from "vitest";
import type { Json } from "./helpers";

/** True when the text holds a C0 control character or DEL (what a header injection needs). */
export function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}

/** The checks every answer to hostile input must pass: no 5xx, no injected header, JSON errors in shape. */
export async function expectCleanAnswer(response: Response, label: string) {
  expect(response.status, label).toBeLessThan(500);
  for (const [name, value] of response.headers) {
    expect(hasControlCharacter(value), `${label}: header ${name}`).toBe(false);
  }
  if (response.status >= 400 && response.headers.get("Content-Type")?.includes("json")) {
    const body = (await response.clone().json()) as Json;
    expect(body.status, label).toBe("rejected");
    expect(typeof body.error?.code, label).toBe("string");
  }
}
