/**
 * A submission of `/join/<program>`: a honeypot, a rate limit, the fields' rules, then the
 * application kept for the operator (it creates nothing else: no partner, no link).
 * - The honeypot (`fax`, hidden from people) filled means a bot: it is answered as a success and
 *   nothing is kept, so the bot learns nothing.
 * - The limit is per program and per address (the address's keyed daily hash, never the address):
 *   APPLICATIONS_PER_MINUTE from one address, and PROGRAM_APPLICATIONS_PER_MINUTE in all.
 */
import { z } from "zod";
import type { Application } from "../domain/application";
import { newId } from "../domain/ids";
import { insertApplication } from "../storage/applications";
import type { JoinFields } from "./join-page";

export const APPLICATIONS_PER_MINUTE = 5;
export const PROGRAM_APPLICATIONS_PER_MINUTE = 60;

const Fields = z.object({
  name: z.string().trim().min(1, "Your name or company, please.").max(200),
  email: z.email("A valid e-mail address, please.").max(254),
  website: z
    .union([
      z.literal(""),
      z.url({ protocol: /^https?$/, message: "An http(s) address, or nothing." }).max(2048),
    ])
    .transform((v) => (v === "" ? null : v)),
  promotion: z.string().trim().min(1, "A few words on how you promote, please.").max(2000),
});

export type Submission =
  | { kind: "kept"; application: Application }
  | { kind: "bot" }
  | { kind: "invalid"; values: JoinFields; errors: Partial<JoinFields> }
  | { kind: "limited" };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** `admit()`: whether one more application from this address fits this minute. */
export async function submitApplication(
  db: D1Database,
  programId: string,
  form: FormData,
  admit: () => Promise<boolean>,
  now: number,
): Promise<Submission> {
  if (text(form, "fax") !== "") return { kind: "bot" };
  const values: JoinFields = {
    name: text(form, "name"),
    email: text(form, "email"),
    website: text(form, "website"),
    promotion: text(form, "promotion"),
  };
  const parsed = Fields.safeParse(values);
  if (!parsed.success) {
    const errors: Partial<JoinFields> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof JoinFields;
      errors[field] ??= issue.message;
    }
    return { kind: "invalid", values, errors };
  }
  if (!(await admit())) return { kind: "limited" };
  const application: Application = {
    id: newId(now),
    programId,
    ...parsed.data,
    status: "pending",
    partnerId: null,
    reason: null,
    createdAt: now,
    decidedAt: null,
  };
  await insertApplication(db, application);
  return { kind: "kept", application };
}
