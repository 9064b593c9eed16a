export { BambuDriver, type BambuDriverOptions, type MqttTransport } from "./driver";
export { testBambuConnection, type TestConnectionResult, type TestConnectionOptions } from "./probe";
export { buildDiagnostics, redact, type BambuDiagnostics } from "./diagnostics";
export { defaultMqttTimings, type MqttTimings } from "./client";
export { defaultFtpTimings, type FtpTimings } from "./files";
export { failureKeys } from "./failures";
export { bambuErrorMessageKeys } from "./hms";
export { bambuModels, normalizeModel, type BambuModel } from "./models";
