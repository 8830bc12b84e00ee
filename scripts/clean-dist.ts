// `npm run build` empties dist/ first: wrangler writes its files into --outdir but never removes
// what an older build left there, and a stale chunk beside the new entry would be taken for one of
// its modules (the bench serves every .js file of a build's directory: bench/lib/modules.ts).
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
