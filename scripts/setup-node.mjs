// Part of `npm ci` / `npm install` (the root postinstall): makes the project's Node, the
// optional dependency node-<platform>-<arch> (the official build republished on the npm
// registry, pinned with its integrity in package-lock.json), available as .tools/node,
// and checks that the one native addon the product loads works in it.
//
// npm links that package's `bin/node` into node_modules/.bin, which npm puts first on
// PATH for every script it runs: `npm start`, `npm test` and each of its steps,
// `npm run cli`, `npx tsx ...` and the dependencies' install scripts all run on it,
// whatever Node runs npm itself. No addon is compiled at install: better-sqlite3 13 ships
// Node-API binaries (stable across Node versions) for linux x64/arm64, glibc and musl,
// as do sharp, swc, lightningcss and the other native packages, so nothing is built
// against the machine's own Node headers (its npm config says `nodedir=/usr`, Node 20).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const packageName = `node-${process.platform}-${process.arch}`;
const packageDir = path.join(root, "node_modules", packageName);
const toolsDir = path.join(root, ".tools");
const toolsNodeDir = path.join(toolsDir, "node");
const toolsNode = path.join(toolsNodeDir, "bin", "node");

function log(message) {
  process.stdout.write(`setup-node: ${message}\n`);
}

if (!existsSync(path.join(packageDir, "bin", "node"))) {
  // Another platform (no such package), or optional dependencies left out: the Node on
  // PATH has to do, and the entry points refuse one older than package.json's engines.
  log(`no ${packageName} in node_modules; the product runs on the Node on PATH (${process.version})`);
  process.exit(0);
}

mkdirSync(toolsDir, { recursive: true });
rmSync(toolsNodeDir, { recursive: true, force: true });
symlinkSync(path.relative(toolsDir, packageDir), toolsNodeDir);

const expected = `v${JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).version}`;
const probe = spawnSync(
  toolsNode,
  ["-e", "const Database = require('better-sqlite3'); const db = new Database(':memory:'); process.stdout.write(process.version + ' sqlite ' + db.prepare('select sqlite_version() AS v').get().v); db.close();"],
  { cwd: root, encoding: "utf8" },
);
if (probe.status !== 0 || !probe.stdout.startsWith(`${expected} `)) {
  process.stderr.write(`setup-node: .tools/node (${expected}) cannot run better-sqlite3:\n${probe.stdout}${probe.stderr}\n`);
  process.exit(1);
}
log(`.tools/node is Node ${probe.stdout}`);
