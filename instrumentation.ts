/**
 * Runs once when a web process starts: bring the database to the committed schema (the
 * migration runner's lock makes concurrent starts of web and worker safe) and create the
 * first admin from the environment when asked to.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { ensureAdminFromEnv } = await import("@/lib/auth/users");
  await applyMigrations();
  await ensureAdminFromEnv();
}
