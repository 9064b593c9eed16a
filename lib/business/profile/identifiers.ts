/**
 * Checks of the shop's tax and bank identifiers, used by the profile schema (server)
 * and the business details form (browser). Input may carry spaces and lower case, as
 * people copy it from a letter; the normalized form has neither.
 */

export function normalizeIdentifier(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

/** German USt-IdNr. (§ 27a UStG): "DE" and nine digits. */
export function isGermanVatId(value: string): boolean {
  return /^DE\d{9}$/.test(normalizeIdentifier(value));
}

/** Lengths of the IBAN per country (ISO 13616 registry) for the SEPA countries a German shop deals with most. */
const ibanLengths: Record<string, number> = {
  AT: 20, BE: 16, CH: 21, CZ: 24, DE: 22, DK: 18, ES: 24, FI: 18, FR: 27, GB: 22, IE: 22, IT: 27, LI: 21, LU: 20, NL: 18, NO: 15, PL: 28, PT: 25, SE: 24,
};

/**
 * An IBAN whose check digits hold (ISO 13616 / ISO 7064 MOD 97-10): the first four
 * characters moved to the end, letters as 10..35, the number mod 97 is 1. The length
 * is checked where the country is listed above, else 15..34.
 */
export function isValidIban(value: string): boolean {
  const iban = normalizeIdentifier(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = ibanLengths[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** BIC (ISO 9362): bank, country, location, optional branch: 8 or 11 characters. */
export function isValidBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normalizeIdentifier(value));
}

/** An IBAN in groups of four, as printed on a quote. */
export function formatIban(value: string): string {
  return normalizeIdentifier(value).replace(/(.{4})(?=.)/g, "$1 ");
}
