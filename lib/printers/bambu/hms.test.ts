import { describe, expect, it } from "vitest";
import { bambuErrorMessageKeys, decodeHms, decodePrintError, formatPrintError, hmsCode, hmsSeverity, isCancelCode } from "./hms";

describe("HMS codes", () => {
  it("decodes attr/code as HMS_AAAA_BBBB_CCCC_DDDD", () => {
    expect(hmsCode(201327360, 196615)).toBe("HMS_0C00_0300_0003_0007");
    expect(hmsCode(0x07002000, 0x00020001)).toBe("HMS_0700_2000_0002_0001");
    expect(hmsCode(0, 0)).toBe("HMS_0000_0000_0000_0000");
    expect(hmsCode(0xffffffff, 0xffffffff)).toBe("HMS_FFFF_FFFF_FFFF_FFFF");
  });

  it("takes the severity from the code's high half", () => {
    expect(hmsSeverity(0x00010001)).toBe("fatal");
    expect(hmsSeverity(0x00020001)).toBe("error");
    expect(hmsSeverity(0x00030001)).toBe("warning");
    expect(hmsSeverity(0x00040001)).toBe("info");
    expect(hmsSeverity(0x00090001)).toBe("warning");
  });

  it("knows a few codes and passes the rest on bare", () => {
    expect(decodeHms(0x07012200, 0x00020001)).toEqual({ code: "HMS_0701_2200_0002_0001", messageKey: "bambu.amsFilamentRunout", text: null, severity: "error" });
    expect(decodeHms(0x07ff2000, 0x00020001).messageKey).toBe("bambu.externalFilamentRunout");
    expect(decodeHms(0x05000500, 0x00010007).messageKey).toBe("bambu.developerModeRequired");
    expect(decodeHms(0x12345678, 0x00030001)).toEqual({ code: "HMS_1234_5678_0003_0001", messageKey: null, text: null, severity: "warning" });
  });
});

describe("print_error", () => {
  it("formats like Bambu Studio", () => {
    expect(formatPrintError(50364437)).toBe("0x03008015");
    expect(formatPrintError(0x0500c010)).toBe("0x0500C010");
  });

  it("0 is no error", () => {
    expect(decodePrintError(0)).toBeNull();
  });

  it("maps the runout pauses of A1 and P1 to one key", () => {
    expect(decodePrintError(50364437)?.messageKey).toBe("bambu.filamentRunout");
    expect(decodePrintError(50364420)?.messageKey).toBe("bambu.filamentRunout");
  });

  it("unknown codes get a severity from their family", () => {
    expect(decodePrintError(0x03008099)).toEqual({ code: "0x03008099", messageKey: null, text: null, severity: "warning" });
    expect(decodePrintError(0x03004099)?.severity).toBe("error");
  });

  it("recognizes cancel codes", () => {
    expect(isCancelCode(50348044)).toBe(true);
    expect(isCancelCode(0x0500400e)).toBe(true);
    expect(isCancelCode(0)).toBe(false);
  });

  it("lists its message keys for the message files", () => {
    expect(bambuErrorMessageKeys).toContain("bambu.filamentRunout");
    expect(new Set(bambuErrorMessageKeys).size).toBe(bambuErrorMessageKeys.length);
  });
});
