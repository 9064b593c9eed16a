/**
 * Simulated Bambu Lab printers (A1, A1 mini, P1S, P1P, X1C) for the demo and the test
 * suite: MQTT over TLS, implicit FTPS with session reuse, and the :6000 JPEG camera.
 */
export { startBambuSimulator, bambuSimOptionsSchema } from "./simulator";
export type { BambuSimOptions, BambuSimulator, BambuSimState, StartPrintOptions, MalformedKind } from "./simulator";
export { createSimulatorCa, issuePrinterCertificate, certificateFingerprint } from "./certificates";
export type { PemKeyPair } from "./certificates";
export { bambuModels, serialPrefixes } from "./models";
export type { BambuModel } from "./models";
export type { GcodeState, HmsEntry } from "./printer-model";
export { cancelledPrintError, defaultFailurePrintError, runoutHms } from "./printer-model";
export { commandVerificationFailed } from "./commands";
export { developerModeOffBit } from "./report-builder";
export { cameraAuthPacket, frameHeader } from "./camera-server";
export { buildGcode3mf, readPrintFileInfo } from "./gcode-3mf";
export type { Gcode3mfSpec, PrintFileInfo } from "./gcode-3mf";
