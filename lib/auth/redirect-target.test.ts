import { describe, expect, it } from "vitest";
import { afterLoginTarget, isLocalPath, localPathOf } from "./redirect-target";

describe("localPathOf", () => {
  it.each([
    ["/de/printers", "/de/printers"],
    ["/en/jobs?status=failed#top", "/en/jobs?status=failed#top"],
    ["/de/../en/files", "/en/files"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(localPathOf(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "https://evil.example/de",
    "javascript:alert(1)",
    "de/printers",
    "",
  ])("refuses %j", (input) => {
    expect(localPathOf(input)).toBeNull();
    expect(isLocalPath(input)).toBe(false);
  });
});

describe("afterLoginTarget", () => {
  it("falls back to the locale's home for a foreign target", () => {
    expect(afterLoginTarget("/\t/evil.example", "de")).toBe("/de");
    expect(afterLoginTarget(decodeURIComponent("%2F%09%2Fevil.example"), "en")).toBe("/en");
  });

  it("switches the locale prefix to the user's preferred language", () => {
    expect(afterLoginTarget("/de/jobs?x=1", "de", "en")).toBe("/en/jobs?x=1");
  });
});
