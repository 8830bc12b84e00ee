// Issue 24's browser test: a new operator runs a program from the dashboard alone, at desktop and
// phone widths (each with its own program, since the local state outlives runs). SCREENSHOTS=1
// writes the walk-through's pictures to docs/screenshots/.
import { describe, inject, it } from "vitest";
import { sharedChromium } from "./browser.ts";
import { journey } from "./journey.ts";
import { DESKTOP, PHONE } from "./journey-ui.ts";

const server = inject("server");
const browser = sharedChromium();

describe("the operator's journey in the dashboard", () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`creates, tracks, approves, rotates and audits at ${viewport.width}×${viewport.height}`, () =>
      journey(browser(), server, viewport));
  }
});
