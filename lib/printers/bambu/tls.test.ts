import { describe, expect, it } from "vitest";
import { PrinterFailure } from "@/lib/printers/types";
import { bambuTlsOptions } from "./tls";

describe("bambuTlsOptions", () => {
  it("gives every printer trusting the same CA one shared trust store, checking its own serial", () => {
    const a = bambuTlsOptions({ serial: "01S00A000000001", tls: "verify", caCert: null });
    const b = bambuTlsOptions({ serial: "01S00A000000002", tls: "verify", caCert: null });
    expect(a.secureContext).toBeDefined();
    expect(a.secureContext).toBe(b.secureContext);
    expect([a.servername, b.servername]).toEqual(["01S00A000000001", "01S00A000000002"]);
    expect(a.checkServerIdentity).not.toBe(b.checkServerIdentity);
  });

  it("refuses a broken CA as a permanent failure, every time it is asked", () => {
    for (let i = 0; i < 2; i++) {
      expect(() => bambuTlsOptions({ serial: "01S00A000000001", tls: "custom-ca", caCert: "-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----" })).toThrow(PrinterFailure);
    }
  });
});
