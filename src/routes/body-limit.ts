import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../errors";

/** Postback and admin bodies are small; anything past 64 KB is refused before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("payload_too_large");
  },
});
