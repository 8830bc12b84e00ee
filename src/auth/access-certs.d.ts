/**
 * An optional binding that wrangler.toml never declares: tests bind an auxiliary Worker here
 * (vitest.config.ts) to serve the Access team's keys. Production fetches them from the team
 * domain itself.
 */
declare namespace Cloudflare {
  interface Env {
    ACCESS_CERTS?: Fetcher;
  }
}
interface Env {
  ACCESS_CERTS?: Fetcher;
}
