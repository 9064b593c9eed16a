import type { ParseArgsConfig } from "node:util";
import { z } from "zod";
import { describeVerification, verifyAuditCommand } from "@/lib/audit/cli-commands";
import { createTokenCommand, createUserCommand } from "@/lib/auth/cli-commands";
import { roleSchema } from "@/lib/auth/permissions";
import { tokenScopeSchema, tokenScopes } from "@/lib/auth/token-scopes";
import { backupCommand, restoreCommand } from "@/lib/backup/cli-commands";
import { awaitCommandResult } from "@/lib/commands/await-result";
import { enqueueCommand } from "@/lib/commands/enqueue";
import { workerCommandSchemas } from "@/lib/worker/commands";
import { applyMigrations } from "@/lib/db/migrate";
import { addPrinterCommand, listPrintersCommand, printerAddOptions, rotateKeysCommand } from "@/lib/printers/cli-commands";

export interface CliCommand {
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Names the positional arguments the command takes (for usage); none when absent. */
  positionals?: string;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export const commands: Record<string, CliCommand> = {
  migrate: {
    summary: "apply database migrations",
    options: {},
    async run() {
      const { applied } = await applyMigrations();
      out(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    },
  },
  "worker:ping": {
    summary: "send a command through the queue and wait for the active worker to answer (--timeout seconds)",
    options: { timeout: { type: "string", default: "15" } },
    async run(values) {
      const { timeout } = z.object({ timeout: z.coerce.number().positive() }).parse(values);
      await applyMigrations();
      const id = await enqueueCommand(workerCommandSchemas, "worker.ping", {});
      const outcome = await awaitCommandResult(id, timeout * 1000);
      if (!outcome) throw new Error(`no worker answered within ${timeout} s (command ${id} stays queued)`);
      if (outcome.status === "failed") throw new Error(`worker answered with an error: ${outcome.error}`);
      out(`worker answered: ${JSON.stringify(outcome.result)}`);
    },
  },
  "user:create": {
    summary: `create a user (--email --name --password --role ${roleSchema.options.join("|")})`,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      role: { type: "string", default: "viewer" },
    },
    async run(values) {
      const input = z
        .object({
          email: z.email(),
          name: z.string().min(1),
          password: z.string().min(1),
          role: roleSchema,
        })
        .parse(values);
      await applyMigrations();
      const user = await createUserCommand(input);
      out(`created user ${user.email} (${user.role})`);
    },
  },
  "token:create": {
    summary: `create a personal API token (--email --name [--scopes ${tokenScopes.join(",")}] [--days N]; default: all scopes the role allows, 90 days); prints the token last`,
    options: { email: { type: "string" }, name: { type: "string" }, scopes: { type: "string" }, days: { type: "string" } },
    async run(values) {
      const input = z
        .object({
          email: z.email(),
          name: z.string().min(1),
          scopes: z
            .string()
            .transform((list) => list.split(",").map((scope) => scope.trim()))
            .pipe(z.array(tokenScopeSchema).min(1))
            .optional(),
          days: z.coerce.number().int().positive().optional(),
        })
        .parse(values);
      await applyMigrations();
      const token = await createTokenCommand({ email: input.email, name: input.name, scopes: input.scopes, expiresInDays: input.days });
      out(token);
    },
  },
  "printer:add": {
    summary:
      "add a printer: --name --kind bambu|prusalink --host; bambu: --serial --access-code [--model] [--mqtt-port --ftp-port " +
      "--camera-port] [--tls verify|custom-ca|insecure --ca-cert-file PEM]; prusalink: [--http-port] --password [--username] | --api-key",
    options: printerAddOptions,
    async run(values) {
      await applyMigrations();
      const printer = await addPrinterCommand(values);
      out(`added printer ${printer.name} (${printer.id})`);
    },
  },
  "printer:list": {
    summary: "list printers with their last known state",
    options: {},
    async run() {
      await applyMigrations();
      const rows = await listPrintersCommand();
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
      for (const row of rows) out(row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
    },
  },
  "keys:rotate": {
    summary: "re-encrypt all printer credentials with a new key (key file) or the new PRINTERNIZER_SECRET_KEY",
    options: {},
    async run() {
      await applyMigrations();
      const { printers, keyId, unreadable } = await rotateKeysCommand();
      out(`re-encrypted the credentials of ${printers} printer(s) with key ${keyId}`);
      if (unreadable.length > 0) throw new Error(`credentials of printer(s) ${unreadable.join(", ")} could not be read and were left as they are`);
    },
  },
  "audit:verify": {
    summary: "check the audit log's hash chain and name the first changed, deleted or inserted row",
    options: {},
    async run() {
      const result = await verifyAuditCommand();
      if (result.broken) throw new Error(describeVerification(result));
      out(describeVerification(result));
    },
  },
  backup: {
    summary: "back up the SQLite database (online, verified) and the files folder now; PostgreSQL: see deploy/postgres",
    options: {},
    async run() {
      const result = await backupCommand();
      const archive = result.filesArchive ? `, files: ${result.filesArchive} (${result.filesArchiveBytes} bytes)` : "";
      out(`backup ${result.file} (${result.sizeBytes} bytes, ${result.durationMs} ms${archive}); removed ${result.removed.length} old`);
    },
  },
  restore: {
    summary: "restore the SQLite database from a backup file (stop the worker and web first); PostgreSQL: see deploy/postgres",
    options: {},
    positionals: "<file>",
    async run(_values, positionals) {
      const [file] = z.tuple([z.string().min(1)]).parse(positionals);
      const { target, counts } = await restoreCommand(file);
      out(`restored ${target} from ${file} (${Object.keys(counts).length} tables verified)`);
    },
  },
};
