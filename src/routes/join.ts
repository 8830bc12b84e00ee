import { Hono } from "hono/tiny";
import {
  closedPage,
  JOIN_CSP,
  joinForm,
  slowDownPage,
  thanksPage,
} from "../applications/join-page";
import {
  APPLICATIONS_PER_MINUTE,
  PROGRAM_APPLICATIONS_PER_MINUTE,
  submitApplication,
} from "../applications/submit-application";
import { admitAddress } from "../auth/address-limit";
import { ID_PATTERN } from "../domain/ids";
import { admitTo } from "../postback/postback-limiter";
import { getProgram } from "../storage/programs";
import type { AppEnv } from "./app-env";

/**
 * `/join/<program id>`: a program's public application form (issue 27), when the program is open
 * to applications; anything else is one plain "not open" page, so closed and unknown programs look
 * the same. Loaded on first use, as the admin API is.
 */
export const joinApp = new Hono<AppEnv>();

const headers = { "Content-Security-Policy": JOIN_CSP, "Cache-Control": "no-store" };

async function openProgram(env: Env, id: string) {
  if (!ID_PATTERN.test(id)) return null;
  const program = await getProgram(env.DB, id);
  return program?.applicationsOpen ? program : null;
}

joinApp.get("/join/:programId", async (c) => {
  const program = await openProgram(c.env, c.req.param("programId"));
  if (!program) return c.html(closedPage(), 404, headers);
  return c.html(joinForm(program.name), 200, headers);
});

joinApp.post("/join/:programId", async (c) => {
  const program = await openProgram(c.env, c.req.param("programId"));
  if (!program) return c.html(closedPage(), 404, headers);
  const form = await c.req.formData().catch(() => new FormData());
  const now = Date.now();
  // The program's limiter (the postbacks' object, its own buckets): per address, then in all.
  const admit = async () => {
    const name = `join:${program.id}`;
    const ip = c.req.header("CF-Connecting-IP");
    if ((await admitAddress(c.env, name, ip, APPLICATIONS_PER_MINUTE)) !== true) return false;
    return (await admitTo(c.env, name, "all", PROGRAM_APPLICATIONS_PER_MINUTE)) === true;
  };
  const submission = await submitApplication(c.env.DB, program.id, form, admit, now);
  if (submission.kind === "invalid") {
    return c.html(joinForm(program.name, submission.values, submission.errors), 400, headers);
  }
  if (submission.kind === "limited") {
    return c.html(slowDownPage(), 429, { ...headers, "Retry-After": "60" });
  }
  return c.html(thanksPage(program.name), 200, headers);
});
