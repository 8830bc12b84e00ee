/**
 * The SEPA character set (EPC's basic Latin set, what every bank in the scheme accepts): a–z,
 * A–Z, 0–9, `/ - ? : ( ) . , ' +` and space. Names and notes that go into a SEPA file are
 * transliterated into it when they are stored (é → e, ß → ss, Ø → O …); what still falls outside
 * is refused there, naming the field. The file builder runs every text through `sepaSafe` too, so
 * a file stays valid whatever a row holds.
 */
export const SEPA_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

const LETTERS: Record<string, string> = {
  ß: "ss",
  ẞ: "SS",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  þ: "th",
  Þ: "TH",
  ı: "i",
  ħ: "h",
  Ħ: "H",
  "’": "'",
  "‘": "'",
  "–": "-",
  "—": "-",
};

/** Accented Latin letters to their base letters, runs of white space to one space, trimmed. */
export function transliterate(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{ASCII}]/gu, (c) => LETTERS[c] ?? c)
    .replaceAll("&", "+")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The text as stored for a SEPA name or note: transliterated, then `{ok: false}` with a reason
 * when it still holds a character outside the set, is empty, or is longer than `max`.
 */
export function sepaName(
  text: string,
  max: number,
): { ok: true; value: string } | { ok: false; reason: string } {
  const value = transliterate(text);
  if (value === "") return { ok: false, reason: "must not be empty" };
  if (!SEPA_TEXT.test(value)) {
    const bad = [...new Set([...value].filter((c) => !SEPA_TEXT.test(c)))].slice(0, 5);
    return {
      ok: false,
      reason: `must use Latin letters, digits, space and / - ? : ( ) . , ' + only (not ${bad
        .map((c) => JSON.stringify(c))
        .join(", ")})`,
    };
  }
  if (value.length > max) return { ok: false, reason: `must be at most ${max} characters` };
  return { ok: true, value };
}

/**
 * Any text made fit for a SEPA text node: transliterated, every other character a space, spaces
 * collapsed, cut to `max`. May be empty (a name of CJK letters): the caller decides.
 */
export function sepaSafe(text: string, max: number): string {
  const kept = [...transliterate(text)].map((c) => (SEPA_TEXT.test(c) ? c : " ")).join("");
  return kept.replace(/ +/g, " ").trim().slice(0, max).trim();
}
