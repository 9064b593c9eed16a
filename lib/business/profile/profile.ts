import { audit, type AuditActor } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { rateAt } from "../rates/rates";
import { businessProfileSchema, emptyBusinessProfile, missingProfileFields, type BusinessProfile, type BusinessProfilePatch, type BusinessProfileView, businessProfilePatchSchema, normalizeProfile } from "./schemas";

/** The one BusinessProfile row. */
const PROFILE_ID = "shop";

const select = {
  name: true,
  owner: true,
  street: true,
  postcode: true,
  city: true,
  country: true,
  phone: true,
  email: true,
  web: true,
  vatId: true,
  taxNumber: true,
  bankHolder: true,
  iban: true,
  bic: true,
} as const;

/** The shop's details; empty until saved. A row edited by hand into something invalid reads as empty fields where invalid. */
export async function readBusinessProfile(): Promise<BusinessProfile> {
  const row = await db.businessProfile.findUnique({ where: { id: PROFILE_ID }, select });
  if (!row) return emptyBusinessProfile;
  const parsed = businessProfileSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return businessProfileSchema.parse(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, bad.has(key) ? emptyBusinessProfile[key as keyof BusinessProfile] : value])));
}

export async function businessProfileView(now = new Date()): Promise<BusinessProfileView> {
  const [profile, rate] = await Promise.all([readBusinessProfile(), rateAt(now)]);
  return { ...profile, missing: missingProfileFields(profile), kleinunternehmer: rate.vatMode === "kleinunternehmer" };
}

/** Whether the fields the Impressum and quotes need are filled (the first-steps checklist). */
export async function businessProfileComplete(): Promise<boolean> {
  return missingProfileFields(await readBusinessProfile()).length === 0;
}

export async function updateBusinessProfile(patch: BusinessProfilePatch, context: { actor: AuditActor; actorId: string | null; ip: string | null }): Promise<BusinessProfileView> {
  const changes = normalizeProfile(businessProfilePatchSchema.parse(patch));
  const next = businessProfileSchema.parse({ ...(await readBusinessProfile()), ...changes });
  await db.businessProfile.upsert({
    where: { id: PROFILE_ID },
    create: { id: PROFILE_ID, ...next, updatedById: context.actorId },
    update: { ...next, updatedById: context.actorId },
  });
  await audit({ actor: context.actor, action: "business.profile_changed", details: { fields: Object.keys(changes).join(",") }, ip: context.ip });
  return businessProfileView();
}
