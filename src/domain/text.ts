/** Lengths and cuts in characters (code points), so a cut never splits a surrogate pair. */
export function charLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

export function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = "";
  let count = 0;
  for (const char of text) {
    if (count++ === max) break;
    cut += char;
  }
  return cut;
}

/** The host of a URL-ish header value, or null. */
export function hostOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).hostname || null;
  } catch {
    return null;
  }
}
