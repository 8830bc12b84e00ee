// Parsing payout files back (issue 28): a strict RFC 4180 CSV reader, and pain.001 through
// fast-xml-parser with every value kept as text.
import { XMLParser } from "fast-xml-parser";
import { expect } from "vitest";
import { ADMIN_TOKEN, call, type Json } from "./helpers";
import { rememberSecret } from "./log-capture";
import { signInPartner } from "./partner-session";

/** Rows of fields; throws on a malformed quote so a broken file fails the test. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== "") throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") throw new Error(`a bare line break at ${i}`);
    else field += c;
  }
  if (quoted) throw new Error("an unterminated quote");
  if (field !== "" || row.length > 0) throw new Error("the last row has no CRLF");
  return rows;
}

export function parseSepa(xml: string): Json {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => name === "CdtTrfTxInf" || name === "PmtInf",
  });
  return parser.parse(xml, true) as Json;
}

/** Every text value (and attribute) of a parsed document, with its path. */
export function textNodes(node: unknown, path = ""): [string, string][] {
  if (typeof node === "string") return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((item, i) => textNodes(item, `${path}[${i}]`));
  if (node && typeof node === "object")
    return Object.entries(node).flatMap(([key, value]) => textNodes(value, `${path}/${key}`));
  return [];
}

/** Sets a partner's payout details through the portal, as the partner. */
export async function setDetails(partnerId: string, details: Json) {
  // Payout details are kept out of logs like secrets: the log check (test/setup) looks for them.
  for (const value of [details.email, details.iban]) if (value) rememberSecret(String(value));
  const browser = await signInPartner(partnerId);
  const answer = await browser.json("PUT", "/payout-details", details);
  if (answer.status !== 200) throw new Error(`details: ${JSON.stringify(answer.body)}`);
  return browser;
}

/** The export, as text with its headers. */
export async function exportFile(payoutId: string, format: string) {
  const response = await call(`/api/payouts/${payoutId}/export?format=${format}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: (): Json => JSON.parse(text),
  };
}

/** A few valid IBAN + BIC pairs of SEPA countries. */
export const ACCOUNTS = [
  { iban: "FR7630006000011234567890189", bic: "BNPAFRPP" },
  { iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
  { iban: "NL91ABNA0417164300", bic: "ABNANL2A" },
  { iban: "BE68539007547034", bic: "GEBABEBB" },
  { iban: "ES9121000418450200051332", bic: "CAIXESBBXXX" },
  { iban: "IT60X0542811101000000123456", bic: "BPMOIT22" },
] as const;

/** The payer settings the export tests use. */
export const PAYER = {
  debtor_name: "Shop Example SARL",
  debtor_iban: "FR14 2004 1010 0505 0001 3M02 606",
  debtor_bic: "PSSTFRPPPAR",
  note: "Commissions November",
};

// A payout of these partners' payable entries (minimum 0): the one helper, re-exported.
export { payoutOf } from "./payouts";

/** A file's decimal amount (two decimals, checked) in minor units. */
export function cents(decimal: string): number {
  expect(decimal).toMatch(/^\d+\.\d{2}$/);
  return Number(decimal.replace(".", ""));
}
