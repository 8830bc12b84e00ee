import { z } from "@hono/zod-openapi";

/**
 * The shapes of WebAuthn's JSON (what `PublicKeyCredential.toJSON()` and @simplewebauthn/browser
 * give), bounded in size; their contents are SimpleWebAuthn's to judge. Unknown members pass:
 * browsers add some (extension results, hints) before any library knows them.
 */

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url");

/** A credential ID: WebAuthn caps them at 1023 bytes, 1364 characters of base64url. */
export const CredentialId = base64url(1364);

const credential = <T extends z.ZodRawShape>(response: T) =>
  z.looseObject({
    id: CredentialId,
    rawId: CredentialId,
    type: z.literal("public-key"),
    response: z.looseObject(response),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    // Null in some browsers' toJSON() when the attachment is unknown, as the spec allows.
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).nullable().optional(),
  });

export const RegistrationResponse = credential({
  clientDataJSON: base64url(8_192),
  attestationObject: base64url(32_768),
  transports: z.array(z.string().max(32)).max(10).optional(),
}).openapi("PasskeyRegistrationResponse", {
  description: "The answer of `navigator.credentials.create`, as JSON",
});

export const AuthenticationResponse = credential({
  clientDataJSON: base64url(8_192),
  authenticatorData: base64url(8_192),
  signature: base64url(1_024),
  userHandle: z.string().max(128).nullable().optional(),
}).openapi("PasskeyAuthenticationResponse", {
  description: "The answer of `navigator.credentials.get`, as JSON",
});

/** Options are WebAuthn's own JSON, for `PublicKeyCredential.parse…OptionsFromJSON`. */
export const CeremonyOptions = z
  .object({
    challenge_id: z.string(),
    options: z.record(z.string(), z.unknown()),
  })
  .openapi("PasskeyOptions");
