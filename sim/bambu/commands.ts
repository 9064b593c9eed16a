import { z } from "zod";
import type { Logger } from "@/lib/log/logger";
import { type JsonObject, type JsonValue, jsonSchema } from "./json";
import type { CommandResult } from "./printer-model";

/** err_code of a command refused because Developer mode is off ("mqtt message verify failed"). */
export const commandVerificationFailed = 84033543;

const idSchema = z.union([z.string(), z.number()]);
const sectionSchema = z.object({ command: z.string(), sequence_id: idSchema.optional() }).catchall(jsonSchema);
const requestSchema = z
  .object({
    print: sectionSchema.optional(),
    system: sectionSchema.optional(),
    info: sectionSchema.optional(),
    pushing: sectionSchema.optional(),
  })
  .catchall(jsonSchema);
type Section = z.infer<typeof sectionSchema>;

export const projectFileSchema = z.object({
  url: z.string().min(1),
  param: z.string().optional(),
  subtask_name: z.string().optional(),
  task_id: idSchema.optional(),
  subtask_id: idSchema.optional(),
  project_id: idSchema.optional(),
  profile_id: idSchema.optional(),
  plate_idx: idSchema.optional(),
  use_ams: z.boolean().optional(),
  ams_mapping: z.array(z.number()).optional(),
});
export type ProjectFileParams = z.infer<typeof projectFileSchema>;

const gcodeLineSchema = z.object({ param: z.string() });
const ledSchema = z.object({ led_node: z.string(), led_mode: z.string() });
const speedSchema = z.object({ param: z.union([z.string(), z.number()]) });

/** What the printer does for each command; the simulator implements it. */
export interface CommandTarget {
  developerMode(): boolean;
  pushall(): void;
  getVersion(sequenceId: JsonValue): void;
  pause(): CommandResult;
  resume(): CommandResult;
  stop(): CommandResult;
  gcodeLine(text: string): CommandResult;
  setLight(node: string, mode: string): CommandResult;
  setSpeedLevel(level: number): CommandResult;
  startProjectFile(params: ProjectFileParams): Promise<CommandResult>;
  /** Publishes an acknowledgement on the report topic. */
  acknowledge(message: JsonObject): void;
  /** A command changed state: report it now rather than at the next tick. */
  changed(): void;
}

type SectionName = "print" | "system";

function ack(section: SectionName, fields: Section, result: CommandResult): JsonObject {
  return { [section]: { ...fields, result: result.ok ? "success" : "failed", reason: result.ok ? "" : result.reason } };
}

// Newer firmware without Developer mode echoes the command with err_code appended.
function refusal(section: SectionName, fields: Section): JsonObject {
  return { [section]: { ...fields, err_code: commandVerificationFailed, result: "failed", reason: "mqtt message verify failed" } };
}

function invalid(error: z.ZodError): CommandResult {
  return { ok: false, reason: `invalid parameters: ${error.issues.map((i) => i.path.join(".") || i.message).join(", ")}` };
}

async function runPrintCommand(fields: Section, target: CommandTarget): Promise<CommandResult | null> {
  switch (fields.command) {
    case "pause":
      return target.pause();
    case "resume":
      return target.resume();
    case "stop":
      return target.stop();
    case "gcode_line": {
      const parsed = gcodeLineSchema.safeParse(fields);
      return parsed.success ? target.gcodeLine(parsed.data.param) : invalid(parsed.error);
    }
    case "print_speed": {
      const parsed = speedSchema.safeParse(fields);
      return parsed.success ? target.setSpeedLevel(Number(parsed.data.param)) : invalid(parsed.error);
    }
    case "project_file": {
      const parsed = projectFileSchema.safeParse(fields);
      return parsed.success ? target.startProjectFile(parsed.data) : invalid(parsed.error);
    }
    default:
      return null;
  }
}

function runSystemCommand(fields: Section, target: CommandTarget): CommandResult | null {
  if (fields.command !== "ledctrl") return null;
  const parsed = ledSchema.safeParse(fields);
  return parsed.success ? target.setLight(parsed.data.led_node, parsed.data.led_mode) : invalid(parsed.error);
}

/**
 * Handles one message from the request topic. Reads (pushall, get_version) always
 * work; control commands need Developer mode, are acknowledged with the caller's
 * sequence_id, and unknown commands are ignored like the printer ignores them.
 */
export async function handleRequest(payload: Buffer, target: CommandTarget, log: Logger): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString("utf8"));
  } catch {
    log.debug("request is not JSON, ignored");
    return;
  }
  const parsed = requestSchema.safeParse(json);
  if (!parsed.success) {
    log.debug({ issues: parsed.error.issues.length }, "request has an unexpected shape, ignored");
    return;
  }
  const request = parsed.data;
  if (request.pushing?.command === "pushall") target.pushall();
  if (request.info?.command === "get_version") target.getVersion(request.info.sequence_id ?? "0");
  const controls: [SectionName, Section | undefined][] = [
    ["print", request.print],
    ["system", request.system],
  ];
  for (const [section, fields] of controls) {
    if (!fields) continue;
    const known = section === "print" ? ["pause", "resume", "stop", "gcode_line", "print_speed", "project_file"] : ["ledctrl"];
    if (!known.includes(fields.command)) {
      log.debug({ section, command: fields.command }, "unsupported command ignored");
      continue;
    }
    if (!target.developerMode()) {
      target.acknowledge(refusal(section, fields));
      continue;
    }
    const result = section === "print" ? await runPrintCommand(fields, target) : runSystemCommand(fields, target);
    if (!result) continue;
    target.acknowledge(ack(section, fields, result));
    if (result.ok) target.changed();
  }
}
