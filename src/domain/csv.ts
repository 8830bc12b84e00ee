/**
 * CSV per RFC 4180 (comma-separated, CRLF line ends, a field with a comma, quote, CR or LF quoted
 * and its quotes doubled), safe to open in a spreadsheet: a text cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a CR would be read as a formula, so it is prefixed with `'` (OWASP, "CSV
 * Injection"). Numbers are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | null;

export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
