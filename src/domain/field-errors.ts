/** Zod failures as the `error.fields` map of the contract: each field's path and a readable reason. */
import type { z } from "zod";

/** A readable reason for one zod issue, phrased to follow the field's name ("amount must be…"). */
function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return isMissing(issue) ? "is required" : `must be ${article(issue.expected)}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}${unit(issue.origin)}`;
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1
        ? "must not be empty"
        : `must be at least ${String(issue.minimum)}${unit(issue.origin)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "invalid_format":
      return `must be a valid ${issue.format}`;
    case "invalid_union":
      // A field that may be text or a number, missing: every branch says "received undefined".
      return issue.errors.every((branch) => branch.some(isMissing))
        ? "is required"
        : "has the wrong type";
    default:
      return issue.message;
  }
}

function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === "invalid_type" && issue.message.endsWith("received undefined");
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function unit(origin: string): string {
  if (origin === "string") return " characters";
  if (origin === "array" || origin === "set") return " items";
  return "";
}

/** Each failing field's dotted path mapped to its first reason; `target` names a failing root. */
export function fieldsOf(error: z.ZodError, target = "body"): Record<string, string> {
  const fields: Record<string, string> = {};
  const root = target === "json" || target === "form" ? "body" : target;
  for (const issue of error.issues) {
    const prefix = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        fields[prefix ? `${prefix}.${key}` : key] ??= "is not a known field";
    } else fields[prefix || root] ??= reason(issue);
  }
  return fields;
}
