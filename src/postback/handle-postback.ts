import { isTestPostback, parsePostback } from "../domain/postback-fields";
import { hashesEqual, parseConversionKey } from "../domain/secrets";
import { ApiError, invalidFields } from "../errors";
import { type PostbackAnswer, unavailable } from "./answers";
import { afterPostbackSale } from "./kept-updates";
import { checkKey, rememberKeyHash } from "./key-check";
import { type PostbackContext, readPostbackContext } from "./postback-context";
import { admitPostback } from "./postback-limiter";
import { logEntry } from "./postback-log";
import { registerInput } from "./register-input";

/** Logged wrong-key postbacks per program and minute; past it they are answered but not logged. */
const REJECTED_KEY_LOGS_PER_MINUTE = 60;

export interface RawPostback {
  key: string | null;
  fields: Record<string, unknown>;
  /** The caller's address, for the budget of unauthenticated reads (never stored). */
  client: string | null;
}

/** Registers a postback's conversion exactly once, or says precisely why not (SPEC "Postback"). */
export async function handlePostback(
  env: Env,
  raw: RawPostback,
  now = Date.now(),
): Promise<PostbackAnswer> {
  const key = parseConversionKey(raw.key);
  if (!key) return { ok: false, error: new ApiError("invalid_key"), log: null };
  const verdict = await checkKey(env.DB, key, raw.client, now);
  if (verdict.kind === "busy" || verdict.kind === "unavailable") {
    return { ok: false, error: unavailable(), log: null };
  }
  if (verdict.kind === "wrong") {
    // Logged for the program (a broken integration shows at once), at a bounded rate decided after
    // the answer, so neither the log nor the answer's timing tells whether the program exists.
    const log = verdict.programExists
      ? logEntry(key.programId, raw.fields, now, 401, "invalid_key")
      : null;
    return {
      ok: false,
      error: new ApiError("invalid_key"),
      log,
      logLimit: REJECTED_KEY_LOGS_PER_MINUTE,
    };
  }
  const parsed = parsePostback(raw.fields);

  let context: PostbackContext;
  try {
    context = await readPostbackContext(env, key.programId, parsed.ok ? parsed.input : null, now);
  } catch {
    return { ok: false, error: unavailable(), log: null };
  }
  const { program } = context;
  // A `test=1` postback's answers and log rows say so, errors included.
  const test = isTestPostback(raw.fields);
  const reject = (error: ApiError): PostbackAnswer => {
    if (test) Object.assign(error.details, { test: true });
    const log = program ? logEntry(program.id, raw.fields, now, error.status, error.code) : null;
    return { ok: false, error, log: log && { ...log, test } };
  };

  // Checked again against the hash read with the data: a key rotated meanwhile stops here.
  rememberKeyHash(key.programId, context.keyHash, now);
  const keyMatches = hashesEqual(verdict.hash, context.keyHash ?? "");
  if (!program || !context.keyHash || !keyMatches) {
    return { ...reject(new ApiError("invalid_key")), logLimit: REJECTED_KEY_LOGS_PER_MINUTE };
  }
  const admission = await admitPostback(env, program.id, "postbacks", program.postbacksPerMinute);
  if (admission !== true) {
    return reject(
      new ApiError("rate_limited", {
        headers: { "Retry-After": String(admission.retryAfterSeconds) },
      }),
    );
  }
  if (!parsed.ok) return reject(invalidFields(parsed.fields));
  const { input } = parsed;
  const answer = await registerInput(env, program, context, input, raw.fields, now, reject);
  // Committed: what a conversion source kept for this order (a refund first) is applied now.
  return input.test ? answer : afterPostbackSale(env, program.id, input.orderId, answer, now);
}
