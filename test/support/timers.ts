// Brings timers of an application forward to now, as if their time had come.
import { EngineRequestError } from '../../workers/engine/camunda-rest.js';
import { rest } from '../setup/engine.js';

/** Moves the due date of every timer `activityId` of the application's instances; returns how many. */
export async function fireTimers(businessKey: string, activityId: string): Promise<number> {
  // The timer may sit in a called subprocess: every instance of the application shares its business key.
  const instances = await rest.processInstances({ businessKey });
  const jobs = (await Promise.all(instances.map((i) => rest.request<Array<{ id: string }>>('GET', `/job?processInstanceId=${i.id}&timers=true&activityId=${activityId}`)))).flat();
  for (const job of jobs) {
    try {
      await rest.request('PUT', `/job/${job.id}/duedate`, { duedate: new Date(Date.now() - 1000).toISOString().replace('Z', '+0000') });
    } catch (error) {
      // The job executor may hold the job at this moment; the caller tries again on its next round.
      if (!(error instanceof EngineRequestError)) throw error;
    }
  }
  return jobs.length;
}
