import type { z } from "zod";
import { claimPendingCommands, finishCommand, type ClaimedCommand } from "@/lib/commands/claim";
import { commandSchemas, type CommandPayload, type CommandType } from "@/lib/catalog/commands";
import { appendEvent } from "@/lib/events/append";
import { commandEventSchemas } from "@/lib/commands/events";
import { logger } from "@/lib/log/logger";

const log = logger("commands");

export interface CommandContext {
  id: number;
  printerId: string | null;
  createdById: string | null;
  signal: AbortSignal;
}

type Handler<T extends CommandType> = (payload: CommandPayload<T>, ctx: CommandContext) => Promise<unknown>;

interface Registration {
  handler: Handler<CommandType>;
  /** The payload carried credentials: blank it when the command ends. */
  sensitive: boolean;
}

/**
 * Tails the Command table and runs each command with the handler its module registered.
 * Polls again only after the current batch has been dispatched.
 */
export class CommandRunner {
  private readonly handlers = new Map<string, Registration>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private active = false;
  private readonly abort = new AbortController();

  constructor(private readonly pollMs: number) {}

  register<T extends CommandType>(type: T, handler: Handler<T>, opts: { sensitive?: boolean } = {}): void {
    this.handlers.set(type, { handler: handler as Handler<CommandType>, sensitive: opts.sensitive ?? false });
  }

  start(): void {
    this.active = true;
    this.schedule(0);
  }

  /** Stops claiming, aborts what runs, and waits for handlers to settle. */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(delay: number): void {
    if (!this.active) return;
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    try {
      const commands = await claimPendingCommands(20);
      for (const command of commands) {
        const run = this.run(command).finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
      }
    } catch (err) {
      log.warn({ err }, "command poll failed");
    } finally {
      this.schedule(this.pollMs);
    }
  }

  private async run(command: ClaimedCommand): Promise<void> {
    const registration = this.handlers.get(command.type);
    const schema = (commandSchemas as Record<string, z.ZodType>)[command.type];
    let outcome: { status: "succeeded"; result: unknown } | { status: "failed"; error: string };
    if (!registration || !schema) {
      outcome = { status: "failed", error: "unknown_command" };
    } else {
      try {
        const payload = schema.parse(JSON.parse(command.payload));
        const result = await registration.handler(payload as CommandPayload<CommandType>, {
          id: command.id,
          printerId: command.printerId,
          createdById: command.createdById,
          signal: this.abort.signal,
        });
        outcome = { status: "succeeded", result };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn({ commandId: command.id, type: command.type, err: message }, "command failed");
        outcome = { status: "failed", error: message };
      }
    }
    try {
      await finishCommand(command.id, outcome, registration?.sensitive ?? true);
      await appendEvent(
        commandEventSchemas,
        "command.finished",
        {
          commandId: command.id,
          type: command.type,
          printerId: command.printerId,
          status: outcome.status,
          error: outcome.status === "failed" ? outcome.error : null,
        },
        command.printerId,
      );
    } catch (err) {
      log.error({ err, commandId: command.id }, "could not record command outcome");
    }
  }
}
