// Deployments through the engine's REST API as the security tests make them: one diagram, with
// whatever credentials (or none) the test is about.
import { ENGINE_URL } from '../setup/engine.js';

/** An HTTP basic authorization header. */
export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Deploys one BPMN text as `<id>.bpmn` under the deployment name, with the authorization given. */
export function deployBpmn(name: string, id: string, bpmn: string, authorization?: string): Promise<Response> {
  const form = new FormData();
  form.append('deployment-name', name);
  form.append('data', new Blob([bpmn], { type: 'application/xml' }), `${id}.bpmn`);
  return fetch(`${ENGINE_URL}/deployment/create`, { method: 'POST', body: form, headers: authorization ? { authorization } : {} });
}
