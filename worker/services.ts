/** A part of the worker that runs only while this worker holds the lease. */
export interface WorkerService {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void>;
}
