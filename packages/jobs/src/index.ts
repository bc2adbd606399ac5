export { bossConnection } from "./connection";
export { defaultSchedules, jobs, portalSyncKey, statusRequestKey, type Jobs, type ScheduleDefinition } from "./jobs";
export {
  createJobQueue,
  type CreateJobQueueOptions,
  type DefineOptions,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type JobRecord,
  type JobState,
  type SendOptions,
  type StoredSchedule,
} from "./queue";
export {
  defineJobs,
  JobPayloadError,
  parsePayload,
  type JobDefinition,
  type JobInput,
  type JobName,
  type JobPayload,
  type JobRegistry,
  type QueuePolicy,
  type QueueSettings,
} from "./registry";
export { installShutdownHandlers, type ShutdownOptions } from "./shutdown";
export { runWorker, type HandlerEntry, type Handlers, type RunningWorker, type RunWorkerOptions, type WorkerSchedule } from "./worker";
export { claimWorkerId, type WorkerIdentity } from "./workerIdentity";
