import { describe, expect, it } from "vitest";
import { formatIban, isGermanVatId, isValidBic, isValidIban } from "./identifiers";
import { businessProfilePatchSchema, emptyBusinessProfile, missingProfileFields, normalizeProfile } from "./schemas";

describe("IBAN (ISO 13616, MOD 97-10)", () => {
  it.each([
    ["DE89370400440532013000", true],
    ["de89 3704 0044 0532 0130 00", true],
    ["DE89 3704 0044 0532 0130 01", false],
    ["DE88370400440532013000", false],
    ["DE8937040044053201300", false],
    ["AT611904300234573201", true],
    ["GB82WEST12345698765432", true],
    ["FR1420041010050500013M02606", true],
    ["NL91ABNA0417164300", true],
    ["NL91ABNA0417164301", false],
    ["", false],
    ["DE", false],
    ["XX89370400440532013000", false],
  ])("%s → %s", (iban, valid) => {
    expect(isValidIban(iban)).toBe(valid);
  });

  it("prints in groups of four", () => {
    expect(formatIban("de89370400440532013000")).toBe("DE89 3704 0044 0532 0130 00");
  });
});

describe("USt-IdNr. and BIC", () => {
  it.each([
    ["DE123456789", true],
    ["de 123 456 789", true],
    ["DE12345678", false],
    ["DE1234567890", false],
    ["AT123456789", false],
    ["DE12345678X", false],
  ])("USt-IdNr. %s → %s", (id, valid) => {
    expect(isGermanVatId(id)).toBe(valid);
  });

  it.each([
    ["COBADEFFXXX", true],
    ["COBADEFF", true],
    ["cobadeff", true],
    ["COBADEF", false],
    ["COBADEFFXX", false],
    ["1OBADEFF", false],
  ])("BIC %s → %s", (bic, valid) => {
    expect(isValidBic(bic)).toBe(valid);
  });
});

describe("business details schema", () => {
  it("stores identifiers without spaces in upper case and refuses broken ones with their field", () => {
    expect(normalizeProfile(businessProfilePatchSchema.parse({ iban: "de89 3704 0044 0532 0130 00", vatId: "de123456789" }))).toEqual({ iban: "DE89370400440532013000", vatId: "DE123456789" });
    const bad = businessProfilePatchSchema.safeParse({ iban: "DE00370400440532013000", vatId: "DE1234", bic: "X" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join(".")).sort()).toEqual(["bic", "iban", "vatId"]);
  });

  it("clears a field with empty text", () => {
    expect(businessProfilePatchSchema.parse({ iban: "", vatId: "" })).toEqual({ iban: "", vatId: "" });
  });

  it("counts the details complete with name, address, e-mail and a USt-IdNr. or Steuernummer", () => {
    const filled = { ...emptyBusinessProfile, name: "Druck", street: "Weg 1", postcode: "70806", city: "Kornwestheim", email: "a@b.de" };
    expect(missingProfileFields(emptyBusinessProfile)).toEqual(["name", "street", "postcode", "city", "email", "vatIdOrTaxNumber"]);
    expect(missingProfileFields(filled)).toEqual(["vatIdOrTaxNumber"]);
    expect(missingProfileFields({ ...filled, taxNumber: "71/123/45678" })).toEqual([]);
    expect(missingProfileFields({ ...filled, vatId: "DE123456789" })).toEqual([]);
  });
});
