import { apiError, isApiError } from "@/lib/api/errors";
import { audit, systemActor, type AuditActor } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { isUniqueViolation } from "./db-errors";
import { hashPassword, verifyPassword } from "./password";
import { passwordSchema } from "./password-policy";
import type { Role } from "./permissions";
import { emailSchema } from "./schemas";
import { revokeUserTokens } from "./tokens";

const log = logger("auth");

/** Who does something and from where, for the audit trail. */
export interface ActorContext {
  actor: AuditActor;
  ip?: string | null;
}

/** The columns anything outside this module may see: never the password hash. */
export const userColumns = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  locale: true,
  sessionVersion: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  locale: string | null;
  sessionVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: Role;
  locale?: string | null;
}

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

export interface UpdateProfileInput {
  name?: string;
  locale?: string | null;
  currentPassword?: string;
  newPassword?: string;
}

/** Marks that the first admin exists; its primary key makes racing setups collide. */
const SETUP_MARKER = "auth.setupCompleted";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

export function listUsers(): Promise<UserRecord[]> {
  return db.user.findMany({ select: userColumns, orderBy: [{ disabled: "asc" }, { name: "asc" }] });
}

export function findUserById(id: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { id }, select: userColumns });
}

export function findUserByEmail(email: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { email: normalizeEmail(email) }, select: userColumns });
}

export async function createUser(input: CreateUserInput, ctx: ActorContext): Promise<UserRecord> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  let user: UserRecord;
  try {
    user = await db.user.create({
      data: { email, name: input.name.trim(), passwordHash, role: input.role, locale: input.locale ?? null },
      select: userColumns,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw apiError("email_taken");
    throw error;
  }
  await audit({ ...ctx, action: "user.created", target: user.id, details: { role: user.role } });
  return user;
}

/**
 * Admin edits. A role change, disabling or a new password bumps sessionVersion, which
 * ends every browser session of that user on its next request.
 */
export async function updateUser(id: string, patch: UpdateUserInput, ctx: ActorContext): Promise<UserRecord> {
  const current = await findUserById(id);
  if (!current) throw apiError("not_found");
  const roleChanged = patch.role !== undefined && patch.role !== current.role;
  const disabledChanged = patch.disabled !== undefined && patch.disabled !== current.disabled;
  if (current.role === "admin" && !current.disabled && ((roleChanged && patch.role !== "admin") || patch.disabled)) {
    await assertAnotherActiveAdmin(id);
  }
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  const endsSessions = roleChanged || patch.disabled === true || passwordHash !== undefined;
  // A role change needs no revocation: tokens act within their owner's current role.
  if (patch.disabled === true || passwordHash !== undefined) await revokeUserTokens(id);
  const user = await db.user.update({
    where: { id },
    data: {
      name: patch.name?.trim(),
      role: patch.role,
      disabled: patch.disabled,
      passwordHash,
      ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
    },
    select: userColumns,
  });
  const changed = [
    ...(patch.name !== undefined && patch.name.trim() !== current.name ? ["name"] : []),
    ...(roleChanged ? ["role"] : []),
    ...(passwordHash !== undefined ? ["password"] : []),
  ];
  if (changed.length > 0) {
    await audit({
      ...ctx,
      action: "user.updated",
      target: id,
      details: { changed, ...(roleChanged ? { from: current.role, to: user.role } : {}) },
    });
  }
  if (disabledChanged) {
    await audit({ ...ctx, action: user.disabled ? "user.disabled" : "user.enabled", target: id });
  }
  return user;
}

/** The signed-in user's own changes; a new password needs the current one. */
export async function updateProfile(userId: string, input: UpdateProfileInput, ctx: ActorContext): Promise<UserRecord> {
  let passwordHash: string | undefined;
  if (input.newPassword !== undefined) {
    const row = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
    if (!row) throw apiError("not_found");
    if (!(await verifyPassword(input.currentPassword ?? "", row.passwordHash))) {
      throw apiError("wrong_password", {
        issues: [{ path: "currentPassword", code: "wrong_password", message: "The current password is wrong." }],
      });
    }
    passwordHash = await hashPassword(input.newPassword);
    await revokeUserTokens(userId);
  }
  const user = await db.user.update({
    where: { id: userId },
    data: {
      name: input.name?.trim(),
      locale: input.locale,
      passwordHash,
      ...(passwordHash !== undefined ? { sessionVersion: { increment: 1 } } : {}),
    },
    select: userColumns,
  });
  if (passwordHash !== undefined) {
    await audit({ ...ctx, action: "user.password_changed", target: userId });
  }
  return user;
}

/**
 * Creates the first admin, only while there is no user at all. The marker row's primary
 * key is inserted in the same transaction, so of two racing setups (even on two replicas
 * under PostgreSQL's read-committed isolation) exactly one commits.
 */
export async function createFirstAdmin(
  input: { email: string; name: string; password: string },
  ctx: ActorContext,
): Promise<UserRecord> {
  if (await hasAnyUser()) throw apiError("setup_done");
  const passwordHash = await hashPassword(input.password);
  let user: UserRecord;
  try {
    user = await db.$transaction(async (tx) => {
      // Write before reading: on SQLite a deferred transaction that reads first cannot take
      // the write lock once the worker has written (SQLITE_BUSY_SNAPSHOT, not retried).
      await tx.setting.deleteMany({ where: { key: SETUP_MARKER } });
      await tx.setting.create({ data: { key: SETUP_MARKER, value: JSON.stringify({ at: new Date().toISOString() }) } });
      if ((await tx.user.count()) > 0) throw apiError("setup_done");
      return tx.user.create({
        data: { email: normalizeEmail(input.email), name: input.name.trim(), passwordHash, role: "admin" },
        select: userColumns,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error) || isWriteConflict(error)) throw apiError("setup_done");
    throw error;
  }
  await audit({ ...ctx, action: "user.created", target: user.id, details: { role: "admin", firstAdmin: true } });
  return user;
}

/**
 * Creates the first admin from PRINTERNIZER_ADMIN_EMAIL / PRINTERNIZER_ADMIN_PASSWORD
 * (name: PRINTERNIZER_ADMIN_NAME, default "Administrator") when no user exists yet.
 * Returns the new user, or null when nothing was to be done.
 */
export async function ensureAdminFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<UserRecord | null> {
  const email = env.PRINTERNIZER_ADMIN_EMAIL?.trim();
  const password = env.PRINTERNIZER_ADMIN_PASSWORD;
  if (!email || !password) return null;
  if (!emailSchema.safeParse(email).success) {
    throw new Error("PRINTERNIZER_ADMIN_EMAIL is not a valid email address");
  }
  if (!passwordSchema.safeParse(password).success) {
    throw new Error("PRINTERNIZER_ADMIN_PASSWORD must be 8 to 72 bytes long");
  }
  if (await hasAnyUser()) return null;
  try {
    const user = await createFirstAdmin(
      { email, name: env.PRINTERNIZER_ADMIN_NAME?.trim() || "Administrator", password },
      { actor: systemActor },
    );
    log.info({ userId: user.id }, "first admin created from the environment");
    return user;
  } catch (error) {
    // Another replica starting at the same time created it.
    if (isApiError(error) && error.code === "setup_done") return null;
    throw error;
  }
}

async function assertAnotherActiveAdmin(exceptId: string): Promise<void> {
  const others = await db.user.count({ where: { role: "admin", disabled: false, id: { not: exceptId } } });
  if (others === 0) throw apiError("last_admin");
}

/** A transaction aborted by a concurrent writer (PostgreSQL P2034, SQLite busy). */
function isWriteConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2034";
}
