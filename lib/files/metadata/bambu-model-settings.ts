import { z } from "zod";
import { MAX_OBJECTS, MAX_PLATES } from "./limits";
import { findElements, keyValueMetadata } from "./xml-elements";
import { indexField, textField } from "./xml-fields";

/**
 * Bambu Studio's `Metadata/model_settings.config`: the plates of a project (sliced or
 * not), their names, pictures and which objects sit on them.
 */

export interface ProjectPlate {
  index: number;
  name?: string;
  /** Validated zip entry names inside Metadata/. */
  thumbnailEntry?: string;
  gcodeEntry?: string;
  objects: string[];
}

export interface ModelSettings {
  plates: ProjectPlate[];
  /** Names of all objects in the project, in file order. */
  objects: string[];
}

/** Entries a plate may point at: plain names inside Metadata/, nothing that walks elsewhere. */
const metadataEntryName = (extension: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value !== undefined && new RegExp(`^Metadata/[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.${extension}$`).test(value)
        ? value
        : undefined,
    );

const plateSchema = z.object({
  plater_id: indexField(MAX_PLATES),
  plater_name: textField,
  thumbnail_file: metadataEntryName("png"),
  gcode_file: metadataEntryName("gcode"),
});

export function parseModelSettings(xml: string): ModelSettings {
  const objectNames = new Map<string, string>();
  for (const object of findElements(xml, "object").slice(0, MAX_OBJECTS)) {
    const id = object.attributes.id;
    const name = textField.parse(keyValueMetadata(object.body ?? "").get("name"));
    if (id !== undefined && name !== undefined && !objectNames.has(id)) objectNames.set(id, name);
  }
  const plates = new Map<number, ProjectPlate>();
  for (const element of findElements(xml, "plate")) {
    if (plates.size >= MAX_PLATES) break;
    const body = element.body ?? "";
    const parsed = plateSchema.safeParse(Object.fromEntries(keyValueMetadata(body)));
    if (!parsed.success || parsed.data.plater_id === undefined || plates.has(parsed.data.plater_id)) continue;
    const { plater_id, plater_name, thumbnail_file, gcode_file } = parsed.data;
    const objects = findElements(body, "model_instance")
      .map((instance) => objectNames.get(keyValueMetadata(instance.body ?? "").get("object_id") ?? ""))
      .filter((name): name is string => name !== undefined)
      .slice(0, MAX_OBJECTS);
    plates.set(plater_id, {
      index: plater_id,
      ...(plater_name === undefined ? {} : { name: plater_name }),
      ...(thumbnail_file === undefined ? {} : { thumbnailEntry: thumbnail_file }),
      ...(gcode_file === undefined ? {} : { gcodeEntry: gcode_file }),
      objects,
    });
  }
  return {
    plates: [...plates.values()].sort((a, b) => a.index - b.index),
    objects: [...objectNames.values()],
  };
}
