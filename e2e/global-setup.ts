// One `npm start` for every browser and command-line test, started once, as a person would.
import type { TestProject } from "vitest/node";
import { type ServerInfo, startServer } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    server: ServerInfo;
  }
}

export default async function setup(project: TestProject) {
  const { stop, ...info } = await startServer();
  project.provide("server", info);
  return stop;
}
