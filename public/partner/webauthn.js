// WebAuthn's JSON (what the API sends and wants back) to and from the ArrayBuffers that
// navigator.credentials takes and gives: base64url for every binary member, nothing else changed.
// Written here (a few lines) rather than vendoring a library; pure except for `encode`'s input.

/** base64url (no padding) of bytes. */
export function encode(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Bytes of base64url (padded or not). */
export function decode(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), "="));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

const credentialList = (list) => list?.map((c) => ({ ...c, id: decode(c.id) }));

/** PublicKeyCredentialCreationOptionsJSON to what navigator.credentials.create takes. */
export function creationOptions(json) {
  return {
    ...json,
    challenge: decode(json.challenge),
    user: { ...json.user, id: decode(json.user.id) },
    ...(json.excludeCredentials
      ? { excludeCredentials: credentialList(json.excludeCredentials) }
      : {}),
  };
}

/** PublicKeyCredentialRequestOptionsJSON to what navigator.credentials.get takes. */
export function requestOptions(json) {
  return {
    ...json,
    challenge: decode(json.challenge),
    ...(json.allowCredentials ? { allowCredentials: credentialList(json.allowCredentials) } : {}),
  };
}

const common = (credential) => ({
  id: credential.id,
  rawId: encode(credential.rawId),
  type: credential.type,
  clientExtensionResults: credential.getClientExtensionResults?.() ?? {},
  authenticatorAttachment: credential.authenticatorAttachment ?? null,
});

/** A new credential (navigator.credentials.create's answer) as RegistrationResponseJSON. */
export function registrationJson(credential) {
  const r = credential.response;
  return {
    ...common(credential),
    response: {
      clientDataJSON: encode(r.clientDataJSON),
      attestationObject: encode(r.attestationObject),
      transports: r.getTransports?.() ?? [],
    },
  };
}

/** An assertion (navigator.credentials.get's answer) as AuthenticationResponseJSON. */
export function authenticationJson(credential) {
  const r = credential.response;
  return {
    ...common(credential),
    response: {
      clientDataJSON: encode(r.clientDataJSON),
      authenticatorData: encode(r.authenticatorData),
      signature: encode(r.signature),
      userHandle: r.userHandle ? encode(r.userHandle) : null,
    },
  };
}

/** Whether this browser can make and use passkeys at all. */
export const passkeysSupported = () =>
  typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
