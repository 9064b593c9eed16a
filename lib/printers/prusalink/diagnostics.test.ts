import { describe, expect, it } from "vitest";
import { redact } from "./diagnostics";

describe("redact", () => {
  it("hides secrets and identifiers at any depth, keeps the rest", () => {
    const input = {
      connection: { host: "10.0.0.5", password: "pw", apiKey: "k", username: "maker" },
      info: { serial: "10859-3472414637128135", hostname: "prusa-mk39" },
      list: [{ Authorization: "Digest ..." }, { nonce: null }],
      when: new Date("2025-01-01T00:00:00Z"),
    };
    expect(redact(input)).toEqual({
      connection: { host: "10.0.0.5", password: "**REDACTED**", apiKey: "**REDACTED**", username: "**REDACTED**" },
      info: { serial: "**REDACTED**", hostname: "prusa-mk39" },
      list: [{ Authorization: "**REDACTED**" }, { nonce: null }],
      when: "2025-01-01T00:00:00.000Z",
    });
  });
});
