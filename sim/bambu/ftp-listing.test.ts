import { describe, expect, it } from "vitest";
import { byName, listLine, mdtmValue } from "./ftp-listing";

const now = new Date("2026-11-25T17:53:00Z");

describe("vsFTPd listing format", () => {
  it("writes recent files with the time, as Debian's vsftpd 3.0.3 does", () => {
    const line = listLine({ name: "a file.txt", isDirectory: false, size: 6, mtime: new Date("2026-11-25T17:52:40Z"), nlink: 1 }, now);
    expect(line).toBe("-rw-r--r--    1 0        0               6 Nov 25 17:52 a file.txt");
  });

  it("writes old files with the year and directories with d", () => {
    expect(listLine({ name: "old.txt", isDirectory: false, size: 0, mtime: new Date("2020-01-05T10:00:00Z"), nlink: 1 }, now)).toBe(
      "-rw-r--r--    1 0        0               0 Jan 05  2020 old.txt",
    );
    expect(listLine({ name: "cache", isDirectory: true, size: 4096, mtime: new Date("2026-11-25T17:52:00Z"), nlink: 2 }, now)).toBe(
      "drwxr-xr-x    2 0        0            4096 Nov 25 17:52 cache",
    );
  });

  it("matches the real printer line from the P1S capture", () => {
    const line = listLine({ name: "thr.3mf", isDirectory: false, size: 135726, mtime: new Date("2026-08-02T10:04:00Z"), nlink: 1 }, now);
    expect(line).toBe("-rw-r--r--    1 0        0          135726 Aug 02 10:04 thr.3mf");
  });

  it("sorts by byte order and formats MDTM in UTC", () => {
    const entries = ["cache", "Würfel", "Zeta", "abc"].map((name) => ({ name, isDirectory: false, size: 0, mtime: now, nlink: 1 }));
    expect(entries.sort(byName).map((e) => e.name)).toEqual(["Würfel", "Zeta", "abc", "cache"]);
    expect(mdtmValue(new Date("2026-11-25T17:52:40Z"))).toBe("20261125175240");
  });
});
