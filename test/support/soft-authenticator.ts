import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { fromBase64Url, toBase64Url } from "./base64url";
import { type CborValue, encodeCbor } from "./cbor";
import { concat, rawToDer, sha256, uint32, utf8 } from "./webauthn-bytes";

/**
 * A software passkey: a P-256 key from Web Crypto answering WebAuthn's ceremonies as a browser
 * and its authenticator would, byte for byte (attestation "none", ES256), so the server's real
 * verification runs on what it would get from Chrome. Tests bend one thing at a time through
 * `Bend` (another origin, another key, an old counter) to see each check refuse.
 */

const FLAG_UP = 0x01; // user present
const FLAG_UV = 0x04; // user verified
const FLAG_AT = 0x40; // attested credential data follows

export interface Bend {
  /** The origin the "browser" writes into clientDataJSON. */
  origin?: string;
  /** Signs with this key instead of the passkey's own. */
  signingKey?: CryptoKey;
  /** The signature counter to report (else the next one). */
  counter?: number;
  /** The challenge to answer (else the options'). */
  challenge?: string;
}

export function newSigningKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ]) as Promise<CryptoKeyPair>;
}

export class SoftAuthenticator {
  readonly credentialId = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  counter = 0;
  /** The user handle the site gave at registration, returned at each sign-in (a discoverable key). */
  userHandle: string | null = null;

  private constructor(private readonly keys: CryptoKeyPair) {}

  static async create(): Promise<SoftAuthenticator> {
    return new SoftAuthenticator(await newSigningKey());
  }

  private async coseKey(): Promise<Uint8Array> {
    const jwk = (await crypto.subtle.exportKey("jwk", this.keys.publicKey)) as JsonWebKey;
    // kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y: COSE's labels, in canonical order.
    return encodeCbor(
      new Map<CborValue, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, fromBase64Url(jwk.x ?? "")],
        [-3, fromBase64Url(jwk.y ?? "")],
      ]),
    );
  }

  private clientData(type: string, challenge: string, origin: string): Uint8Array {
    return utf8(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  async register(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    bend: Bend = {},
  ): Promise<RegistrationResponseJSON> {
    const clientData = this.clientData(
      "webauthn.create",
      bend.challenge ?? options.challenge,
      bend.origin ?? origin,
    );
    const id = fromBase64Url(this.credentialId);
    const authData = concat(
      await sha256(utf8(options.rp.id ?? new URL(origin).hostname)),
      new Uint8Array([FLAG_UP | FLAG_UV | FLAG_AT]),
      uint32(this.counter),
      new Uint8Array(16), // AAGUID: none, as a software key has no make to attest
      new Uint8Array([id.length >> 8, id.length & 0xff]),
      id,
      await this.coseKey(),
    );
    const attestationObject = encodeCbor(
      new Map<CborValue, CborValue>([
        ["fmt", "none"],
        ["attStmt", new Map<CborValue, CborValue>()],
        ["authData", authData],
      ]),
    );
    this.userHandle = options.user.id;
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      response: {
        clientDataJSON: toBase64Url(clientData),
        attestationObject: toBase64Url(attestationObject),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  async signIn(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    bend: Bend = {},
  ): Promise<AuthenticationResponseJSON> {
    this.counter = bend.counter ?? this.counter + 1;
    const clientData = this.clientData(
      "webauthn.get",
      bend.challenge ?? options.challenge,
      bend.origin ?? origin,
    );
    const authData = concat(
      await sha256(utf8(options.rpId ?? new URL(origin).hostname)),
      new Uint8Array([FLAG_UP | FLAG_UV]),
      uint32(this.counter),
    );
    const signed = concat(authData, await sha256(clientData));
    const raw = await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" },
      bend.signingKey ?? this.keys.privateKey,
      signed,
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      response: {
        clientDataJSON: toBase64Url(clientData),
        authenticatorData: toBase64Url(authData),
        signature: toBase64Url(rawToDer(new Uint8Array(raw))),
        ...(this.userHandle === null ? {} : { userHandle: this.userHandle }),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}
