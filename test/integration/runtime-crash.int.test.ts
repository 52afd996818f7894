// A worker killed with SIGKILL in the middle of a task loses nothing: the task comes back when its
// lock expires, another worker completes it, and it is completed exactly once. A worker stopped
// with SIGTERM gives its unfinished task back at once instead of letting the lock run out.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { rest, waitFor } from '../setup/engine.js';

const children: ChildProcess[] = [];

function startProbe(mode: 'hang' | 'complete', topic: string) {
  // tsx as a loader, not its CLI: the CLI runs the script in a child that a SIGKILL would orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fixtures/probe-worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, PROBE_MODE: mode, PROBE_TOPIC: topic, PROBE_LOCK_MS: '4000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  return { child, lines };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('worker runtime against the real engine', () => {
  it('loses nothing when a worker is killed mid-task, and completes the task exactly once', async () => {
    const businessKey = `probe-${randomUUID()}`;
    const topic = `runtime-probe-${randomUUID()}`;
    const instance = await rest.startProcess('runtime-probe', businessKey, { probeTopic: topic });

    const first = startProbe('hang', topic);
    const started = await waitFor('the first worker to take the task', async () => first.lines.find((l) => l.startsWith('STARTED ')));
    const taskId = started.split(' ')[1]!;
    first.child.kill('SIGKILL');
    await exited(first.child);
    const killedAt = Date.now();

    const second = startProbe('complete', topic);
    await waitFor('the second worker to complete the task', async () => second.lines.find((l) => l === `COMPLETED ${taskId}`), 60_000);
    await waitFor('the instance to end', async () => {
      const [h] = await rest.historicProcessInstances({ processInstanceId: instance.id });
      return h?.state === 'COMPLETED';
    });
    // The lock of the killed worker had to run out first (4 s lock, extended at most once before the kill).
    expect(Date.now() - killedAt).toBeGreaterThan(1000);

    const logs = await rest.request<Array<{ successLog: boolean; externalTaskId: string; workerId: string | null }>>(
      'GET',
      `/history/external-task-log?processInstanceId=${instance.id}`,
    );
    const successes = logs.filter((l) => l.successLog);
    expect(successes).toHaveLength(1);
    expect(successes[0]!.externalTaskId).toBe(taskId);
    expect(successes[0]!.workerId).toMatch(/^probe-complete-/);
    const vars = await rest.request<Array<{ name: string; value: unknown }>>('GET', `/history/variable-instance?processInstanceId=${instance.id}&variableName=completedBy`);
    expect(vars).toHaveLength(1);
    expect(vars[0]!.value).toBe(second.child.pid);
    second.child.kill('SIGTERM');
    await exited(second.child);
  });

  it('on SIGTERM unlocks the task it could not finish, so the next worker takes it at once', async () => {
    const businessKey = `probe-${randomUUID()}`;
    const topic = `runtime-probe-${randomUUID()}`;
    const instance = await rest.startProcess('runtime-probe', businessKey, { probeTopic: topic });
    const first = startProbe('hang', topic);
    await waitFor('the first worker to take the task', async () => first.lines.find((l) => l.startsWith('STARTED ')));
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    const [task] = await rest.externalTasks({ processInstanceId: instance.id });
    expect(task).toBeDefined();
    expect(task!.workerId ?? null).toBeNull();
    expect(task!.lockExpirationTime ?? null).toBeNull();

    const second = startProbe('complete', topic);
    await waitFor('the instance to end', async () => {
      const [h] = await rest.historicProcessInstances({ processInstanceId: instance.id });
      return h?.state === 'COMPLETED';
    });
    second.child.kill('SIGTERM');
    await exited(second.child);
  });
});
