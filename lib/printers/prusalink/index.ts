export { PrusaLinkDriver, type PrusaLinkDriverOptions } from "./driver";
export { testPrusaLinkConnection, type ConnectionTestResult } from "./probe";
export { defaultPollOptions, type PollOptions } from "./poller";
export { defaultHttpOptions, type HttpOptions } from "./client";
export { failureKeys } from "./failures";
export { redact } from "./diagnostics";
