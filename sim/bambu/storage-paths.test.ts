import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diskPath, virtualPath } from "./storage-paths";

let base: string;
let root: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), "bambu-paths-")));
  root = path.join(base, "root");
  await mkdir(path.join(root, "cache"), { recursive: true });
  await writeFile(path.join(base, "secret.txt"), "outside");
  await writeFile(path.join(root, "cache", "ok.gcode.3mf"), "x");
  await symlink(path.join(base, "secret.txt"), path.join(root, "cache", "link-out"));
  await symlink(path.join(base, "missing-target"), path.join(root, "cache", "dangling"));
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe("virtual paths", () => {
  it("normalise and never climb above /", () => {
    expect(virtualPath("/cache", "x.3mf")).toBe("/cache/x.3mf");
    expect(virtualPath("/cache", "../../../etc/passwd")).toBe("/etc/passwd");
    expect(virtualPath("/", "..")).toBe("/");
    expect(virtualPath("/cache", "/model/")).toBe("/model");
    expect(virtualPath("/", "Spulenhalter für Regal.gcode.3mf")).toBe("/Spulenhalter für Regal.gcode.3mf");
  });
});

describe("disk paths", () => {
  it("map inside the root", async () => {
    expect(await diskPath(root, "/cache/ok.gcode.3mf", true)).toBe(path.join(root, "cache", "ok.gcode.3mf"));
    expect(await diskPath(root, "/", true)).toBe(root);
    expect(await diskPath(root, "/cache/new file.3mf", false)).toBe(path.join(root, "cache", "new file.3mf"));
  });

  it("refuse what leaves the root", async () => {
    expect(await diskPath(root, virtualPath("/", "../secret.txt"), true)).toBeNull();
    expect(await diskPath(root, "/cache/link-out", true)).toBeNull();
    expect(await diskPath(root, "/cache/dangling", false)).toBeNull();
    expect(await diskPath(root, "/nope/new.txt", false)).toBeNull();
    expect(await diskPath(root, "/cache/a\0b", false)).toBeNull();
    expect(await diskPath(root, "/cache/missing.txt", true)).toBeNull();
  });
});
