/**
 * The `/join/<program>` pages: the application form, its answer, and the refusals, as plain
 * server-rendered HTML (hono/html escapes every value). No script and no style of its own, so the
 * strictest CSP holds: nothing loads but the page.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export const JOIN_CSP =
  "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export type JoinFields = Record<"name" | "email" | "website" | "promotion", string>;
export const EMPTY_FIELDS: JoinFields = { name: "", email: "", website: "", promotion: "" };

const page = (
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title}</title>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;

const problem = (errors: Partial<JoinFields>, name: keyof JoinFields) =>
  errors[name] ? html`<strong id="${name}-error">${errors[name]}</strong>` : "";

/** The form, with what was typed and each field's problem when a submission was refused. */
export function joinForm(
  programName: string,
  values: JoinFields = EMPTY_FIELDS,
  errors: Partial<JoinFields> = {},
) {
  return page(
    `Join ${programName}`,
    html`<h1>Apply to ${programName}</h1>
      <p>Tell the program about you. The team reviews every application and sends you an invitation
        to your partner account if it is approved.</p>
      <form method="post">
        <p><label for="name">Name or company</label><br />
          <input id="name" name="name" required maxlength="200" value="${values.name}" /> ${problem(errors, "name")}</p>
        <p><label for="email">E-mail</label><br />
          <input id="email" name="email" type="email" required maxlength="254" value="${values.email}" /> ${problem(errors, "email")}</p>
        <p><label for="website">Website (optional)</label><br />
          <input id="website" name="website" type="url" maxlength="2048" value="${values.website}" /> ${problem(errors, "website")}</p>
        <p><label for="promotion">How will you promote the program?</label><br />
          <textarea id="promotion" name="promotion" required maxlength="2000" rows="5">${values.promotion}</textarea> ${problem(errors, "promotion")}</p>
        <p hidden><label for="fax">Leave this empty</label><input id="fax" name="fax" tabindex="-1" autocomplete="off" /></p>
        <p><button type="submit">Apply</button></p>
      </form>`,
  );
}

export const thanksPage = (programName: string) =>
  page(
    "Application received",
    html`<h1>Thank you</h1><p>Your application to ${programName} was received. You will hear from the
      program's team by e-mail.</p>`,
  );

export const closedPage = () =>
  page("Not open", html`<h1>Not open</h1><p>This program does not take applications.</p>`);

export const slowDownPage = () =>
  page(
    "Too many applications",
    html`<h1>Please wait</h1><p>Too many applications from here just now; try again in a minute.</p>`,
  );
