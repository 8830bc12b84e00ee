// npm puts node_modules/.bin first in PATH, so scripts run on the project's pinned Node (the
// `node` devDependency), not the system's. Fail early and clearly if that is not the case.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Node ${process.version} is too old: run through npm (npm test, npm start) so the pinned Node 24 is used.`,
  );
  process.exit(1);
}
console.log(`node ${process.version}`);
