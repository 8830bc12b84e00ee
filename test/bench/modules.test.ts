import { describe, expect, it } from "vitest";
import { modulesOf } from "../../bench/lib/modules.ts";

describe("the build's module list", () => {
  it("puts the entry first, then every other .js file beside it, rooted at its directory", () => {
    const files = ["README.md", "index.js.map", "chunk-b.js", "index.js", "chunk-a.js"];
    expect(modulesOf("bench-results/build/index.js", files)).toEqual({
      modulesRoot: "bench-results/build",
      modules: [
        { type: "ESModule", path: "bench-results/build/index.js" },
        { type: "ESModule", path: "bench-results/build/chunk-a.js" },
        { type: "ESModule", path: "bench-results/build/chunk-b.js" },
      ],
    });
  });

  it("lists a one-file build as its entry alone", () => {
    expect(modulesOf("index.js", ["index.js", "index.js.map"])).toEqual({
      modulesRoot: ".",
      modules: [{ type: "ESModule", path: "./index.js" }],
    });
  });
});
