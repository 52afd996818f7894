// The web apps' path is asked from the engine: a stand-in host that serves Tasklist under one path.
import { createServer, type Server } from 'node:http';
import { findWebapps, webappUrls } from '../../workers/adapters/camunda7/webapps.js';

const servers: Server[] = [];

/** An engine host whose Tasklist answers (with a redirect, as the real ones do) under `path` only. */
async function hostWithTasklistAt(path: string | null): Promise<string> {
  const server = createServer((req, res) => {
    if (path && req.url === `${path}/app/tasklist/`) res.writeHead(302, { location: `${path}/app/tasklist/default/` }).end();
    else res.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/engine-rest`;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

it('finds Operaton under /operaton and Camunda 7 under /camunda', async () => {
  const operaton = await hostWithTasklistAt('/operaton');
  expect(await findWebapps(operaton)).toEqual(webappUrls(operaton, '/operaton'));
  const camunda = await hostWithTasklistAt('/camunda');
  expect(await findWebapps(camunda)).toMatchObject({ path: '/camunda', tasklist: camunda.replace('/engine-rest', '/camunda/app/tasklist/'), sessionApi: '/camunda/api/engine/engine/default' });
});

it('takes ENGINE_WEBAPP_PATH as given, and fails when no web apps answer', async () => {
  const none = await hostWithTasklistAt(null);
  expect((await findWebapps(none, '/custom')).cockpit).toBe(none.replace('/engine-rest', '/custom/app/cockpit/'));
  await expect(findWebapps(none)).rejects.toThrow(/no engine web apps answer under \/operaton or \/camunda/);
});
