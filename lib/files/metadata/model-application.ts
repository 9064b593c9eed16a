import { parseProducer } from "./slicer-producer";
import type { SlicerInfo } from "./types";
import { elementText, findElements } from "./xml-elements";

/** The slicer that wrote a 3MF, from `<metadata name="Application">BambuStudio-02.04.00.70</metadata>`. */
export function modelApplication(modelXmlHead: string): SlicerInfo | null {
  const application = findElements(modelXmlHead, "metadata").find(({ attributes }) => attributes.name === "Application");
  return application ? parseProducer(elementText(application)) : null;
}
