/** Logged wrong-key postbacks per program and minute; past it they are answered but not logged. */
export const REJECTED_KEY_LOGS_PER_MINUTE = 60;

/**
 * Asks the program's limiter whether one more postback fits this minute. If the limiter itself
 * cannot be reached, the postback is admitted: losing a conversion is worse than a burst.
 */
export async function admitPostback(
  env: Env,
  programId: string,
  bucket: "postbacks" | "rejected_keys",
  limitPerMinute: number,
): Promise<true | { retryAfterSeconds: number }> {
  try {
    const limiter = env.POSTBACK_LIMITER.get(env.POSTBACK_LIMITER.idFromName(programId));
    const admission = await limiter.admit(bucket, limitPerMinute);
    return admission.allowed ? true : { retryAfterSeconds: admission.retryAfterSeconds };
  } catch {
    return true;
  }
}
