import { unzipSync } from "fflate";
import { readFixture } from "@/test/fixtures";
import { writeZipWithBigEntry, type ZipInputEntry } from "./zip-writer";

/**
 * The real one-plate Bambu file rebuilt with its plate G-code replaced by `gcodeBytes`
 * of moves, stored: what a long print's .gcode.3mf looks like to the reader.
 */
export async function writeBigGcode3mf(filePath: string, gcodeBytes: number): Promise<void> {
  const entries = unzipSync(readFixture("files", "bambu.gcode.3mf"));
  const names = Object.keys(entries);
  const bigName = "Metadata/plate_1.gcode";
  const small = (name: string): ZipInputEntry => ({ name, data: Buffer.from(entries[name]), method: "deflate" });
  const split = names.indexOf(bigName);
  await writeZipWithBigEntry(
    filePath,
    names.slice(0, split).map(small),
    bigName,
    gcodeBytes,
    names.slice(split + 1).map(small),
  );
}
