// Node's side of the Access tests: two RS256 key pairs (the team's, and a stranger's), and the
// auxiliary Worker that serves the team's public key the way Access does, at
// `https://<team>/cdn-cgi/access/certs`. The Worker under test reaches it through ACCESS_CERTS.
import { exportJWK, generateKeyPair } from "jose";

export const ACCESS_TEAM_DOMAIN = "aecid-test.cloudflareaccess.com";
export const ACCESS_AUD = "aud-0123456789abcdef0123456789abcdef";
/** A team domain whose keys never come: its certs URL answers 503. */
export const DOWN_TEAM_DOMAIN = "down-team.cloudflareaccess.com";

async function rsaPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const meta = { kid, alg: "RS256", use: "sig" };
  return {
    publicJwk: { ...(await exportJWK(publicKey)), ...meta },
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
  };
}

export async function accessTestSetup() {
  const team = await rsaPair("team-key-1");
  const stranger = await rsaPair("stranger-key-1");
  const jwks = JSON.stringify({ keys: [team.publicJwk] });
  const script = `export default {
    async fetch(request) {
      const url = new URL(request.url);
      if (url.host === ${JSON.stringify(ACCESS_TEAM_DOMAIN)} && url.pathname === "/cdn-cgi/access/certs")
        return new Response(${JSON.stringify(jwks)}, { headers: { "Content-Type": "application/json" } });
      return new Response("unavailable", { status: 503 });
    },
  };`;
  return {
    worker: { name: "access-certs", modules: true, script, compatibilityDate: "2026-11-01" },
    bindings: {
      ACCESS_TEAM_DOMAIN,
      ACCESS_AUD,
      ACCESS_TEST_KEYS: { team: team.privateJwk, stranger: stranger.privateJwk },
    },
  };
}
