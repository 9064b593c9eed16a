import type { ParseArgsConfig } from "node:util";
import { z } from "zod";
import { createTokenCommand, createUserCommand } from "@/lib/auth/cli-commands";
import { awaitCommandResult } from "@/lib/commands/await-result";
import { enqueueCommand } from "@/lib/commands/enqueue";
import { applyMigrations } from "@/lib/db/migrate";

export interface CliCommand {
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: Record<string, string | boolean | undefined>): Promise<void>;
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
      const id = await enqueueCommand("worker.ping", {});
      const outcome = await awaitCommandResult(id, timeout * 1000);
      if (!outcome) throw new Error(`no worker answered within ${timeout} s (command ${id} stays queued)`);
      if (outcome.status === "failed") throw new Error(`worker answered with an error: ${outcome.error}`);
      out(`worker answered: ${JSON.stringify(outcome.result)}`);
    },
  },
  "user:create": {
    summary: "create a user (--email --name --password --role admin|operator|viewer)",
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
          role: z.enum(["admin", "operator", "viewer"]),
        })
        .parse(values);
      await applyMigrations();
      const user = await createUserCommand(input);
      out(`created user ${user.email} (${user.role})`);
    },
  },
  "token:create": {
    summary: "create a personal API token (--email --name [--days N]); prints the token last",
    options: { email: { type: "string" }, name: { type: "string" }, days: { type: "string" } },
    async run(values) {
      const input = z
        .object({ email: z.email(), name: z.string().min(1), days: z.coerce.number().int().positive().optional() })
        .parse(values);
      await applyMigrations();
      const token = await createTokenCommand({ email: input.email, name: input.name, expiresInDays: input.days });
      out(token);
    },
  },
};
