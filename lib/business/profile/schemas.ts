import { z } from "zod";
import { isGermanVatId, isValidBic, isValidIban, normalizeIdentifier } from "./identifiers";

/**
 * The shop's business details as the API reads and writes them. Every field is text,
 * "" when not given; identifiers are stored without spaces in upper case. Safe in the
 * browser (no database access).
 */

const line = (max: number) => z.string().trim().max(max);
/** Checked as written (spaces and case aside); `normalizeProfile` stores it without spaces in upper case. */
const identifier = (check: (value: string) => boolean, code: string) =>
  z
    .string()
    .max(64)
    .refine((value) => normalizeIdentifier(value) === "" || check(value), { message: code });

export const businessProfileFields = {
  name: line(200),
  owner: line(200),
  street: line(200),
  postcode: z.string().trim().max(10).regex(/^[A-Za-z0-9 -]*$/, "invalid_postcode"),
  city: line(100),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "invalid_country"),
  phone: z.string().trim().max(40).regex(/^[0-9+()/ -]*$/, "invalid_phone"),
  email: z.union([z.literal(""), z.email().max(254)]),
  web: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(300)]),
  vatId: identifier(isGermanVatId, "invalid_vat_id"),
  taxNumber: z.string().trim().max(20).regex(/^[0-9/ ]*$/, "invalid_tax_number"),
  bankHolder: line(200),
  iban: identifier(isValidIban, "invalid_iban"),
  bic: identifier(isValidBic, "invalid_bic"),
};

export const businessProfileSchema = z.object(businessProfileFields);
export type BusinessProfile = z.infer<typeof businessProfileSchema>;

/** Identifiers as stored: no spaces, upper case. */
export function normalizeProfile<T extends Partial<BusinessProfile>>(profile: T): T {
  return {
    ...profile,
    ...(profile.vatId === undefined ? {} : { vatId: normalizeIdentifier(profile.vatId) }),
    ...(profile.iban === undefined ? {} : { iban: normalizeIdentifier(profile.iban) }),
    ...(profile.bic === undefined ? {} : { bic: normalizeIdentifier(profile.bic) }),
  };
}

export const businessProfilePatchSchema = z.strictObject(businessProfileFields).partial();
export type BusinessProfilePatch = z.input<typeof businessProfilePatchSchema>;

/** Needed for the Impressum (§ 5 DDG) and a quote: name, address, e-mail, and a USt-IdNr. or Steuernummer (§ 14 UStG). */
export const requiredProfileFields = ["name", "street", "postcode", "city", "email"] as const;

export function missingProfileFields(profile: BusinessProfile): string[] {
  const missing: string[] = requiredProfileFields.filter((field) => profile[field] === "");
  if (profile.vatId === "" && profile.taxNumber === "") missing.push("vatIdOrTaxNumber");
  return missing;
}

export const businessProfileViewSchema = businessProfileSchema.extend({
  /** Fields still missing before the details count as complete. */
  missing: z.array(z.string()),
  /** § 19 UStG in the prices in force today (the dated rates decide it). */
  kleinunternehmer: z.boolean(),
});
export type BusinessProfileView = z.infer<typeof businessProfileViewSchema>;

export const emptyBusinessProfile: BusinessProfile = {
  name: "",
  owner: "",
  street: "",
  postcode: "",
  city: "",
  country: "DE",
  phone: "",
  email: "",
  web: "",
  vatId: "",
  taxNumber: "",
  bankHolder: "",
  iban: "",
  bic: "",
};
