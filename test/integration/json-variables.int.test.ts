// Json variables on the running engine: the forms' lists and the application travel as Spin `Json`,
// which the engine stores only with Spin's Jackson data format on its class path (for Operaton the
// build fetches that jar apart from its POM, see engine/pom.xml). Works on Operaton and Camunda 7.
import type { TypedValue } from '../../workers/adapters/camunda7/variables.js';
import { rest } from '../setup/engine.js';
import { randomUUID } from 'node:crypto';

const panel = [{ name: '王一' }, { name: '李二' }, { name: '纪检 周四', role: 'supervisor', seats: 1 }];

it('stores a Json variable through REST and reads it back as JSON and as a Spin node', async () => {
  const key = `json-variable-${randomUUID()}`;
  // The probe process waits at an external task of its own topic, which no worker fetches.
  const instance = await rest.startProcess('runtime-probe', key, { probeTopic: key });
  try {
    const path = `/process-instance/${instance.id}/variables/panelMembers`;
    await rest.request('PUT', path, { type: 'Json', value: JSON.stringify(panel) });

    const raw = await rest.request<TypedValue>('GET', `${path}?deserializeValue=false`);
    expect(raw.type).toBe('Json');
    expect(JSON.parse(String(raw.value))).toEqual(panel);
    // Deserialized, the engine answers with the Spin JSON node it parsed the value into.
    const node = await rest.request<TypedValue>('GET', path);
    expect(node).toMatchObject({ type: 'Json', value: { dataFormatName: 'application/json', nodeType: 'ARRAY', array: true } });
    // As the workers and the API read it: at runtime and from history.
    expect((await rest.variables(instance.id)).panelMembers).toEqual(panel);
    expect(await rest.historicVariables(instance.id, ['panelMembers'])).toEqual({ panelMembers: panel });
  } finally {
    await rest.deleteProcessInstance(instance.id);
  }
});
