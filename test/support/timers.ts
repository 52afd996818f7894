// Fires timers of an application now, as if their time had come, through the engine's job API
// (POST /job/{id}/execute runs the job in the request). Nothing waits for the job executor, whose
// acquisition backs off up to a minute while it finds no due jobs.
import { EngineRequestError } from '../../workers/adapters/camunda7/rest-client.js';
import { rest, waitFor } from '../setup/engine.js';

interface Job {
  id: string;
  exceptionMessage: string | null;
}

/** The job, or null once it is gone (executed). */
async function jobOf(id: string): Promise<Job | null> {
  try {
    return await rest.request<Job>('GET', `/job/${id}`);
  } catch (error) {
    if (error instanceof EngineRequestError && error.status === 404) return null;
    throw error;
  }
}

/** Executes one job now; when the job executor holds it already, waits until it has run. */
async function executeJob(id: string): Promise<void> {
  try {
    await rest.request('POST', `/job/${id}/execute`);
    return;
  } catch (error) {
    if (!(error instanceof EngineRequestError)) throw error;
    // Gone: the job executor ran it first. Failed: the job's own error is the answer.
    const job = await jobOf(id);
    if (job === null) return;
    if (job.exceptionMessage) throw new Error(`timer job ${id} failed: ${job.exceptionMessage}`, { cause: error });
  }
  // The job executor holds it: its transaction ends with the job gone, or failed.
  const outcome = await waitFor(`timer job ${id} to run in the job executor`, async () => {
    const job = await jobOf(id);
    if (job === null) return 'ran';
    return job.exceptionMessage ? `failed: ${job.exceptionMessage}` : null;
  });
  if (outcome !== 'ran') throw new Error(`timer job ${id} ${outcome}`);
}

/** The timer jobs `activityId` of the application's instances (with their due dates). */
export async function timerJobs(businessKey: string, activityId: string): Promise<Array<Job & { dueDate: string }>> {
  // The timer may sit in a called subprocess: every instance of the application shares its business key.
  const instances = await rest.processInstances({ businessKey });
  return (await Promise.all(instances.map((i) => rest.request<Array<Job & { dueDate: string }>>('GET', `/job?processInstanceId=${i.id}&timers=true&activityId=${activityId}`)))).flat();
}

/** Fires every timer `activityId` of the application's instances now; returns how many it fired. */
export async function fireTimers(businessKey: string, activityId: string): Promise<number> {
  const jobs = await timerJobs(businessKey, activityId);
  for (const job of jobs) await executeJob(job.id);
  return jobs.length;
}
