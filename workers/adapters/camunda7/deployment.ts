// Deploys bpmn/ and forms/ as one deployment. Duplicate filtering with deploy-changed-only means
// an unchanged resource is not redeployed and keeps its version.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../log.js';
import type { CamundaRest, DeploymentFile } from './rest-client.js';

/** The deployment's name; the engine filters duplicates per name. */
export const DEPLOYMENT_NAME = 'title-review';

/** Reads every .bpmn, .dmn and .form file of the given folders (not recursive). */
export async function collectResources(dirs: string[]): Promise<DeploymentFile[]> {
  const files: DeploymentFile[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).sort()) {
      if (/\.(bpmn|dmn|form)$/.test(name)) {
        files.push({ name, content: await readFile(path.join(dir, name)) });
      }
    }
  }
  return files;
}

/** Deploys the resources and says which process definitions are new. */
export async function deployResources(rest: CamundaRest, dirs: string[], log: Logger, name = DEPLOYMENT_NAME): Promise<string[]> {
  const files = await collectResources(dirs);
  const deployment = await rest.deploy(name, files);
  const changed = Object.values(deployment.deployedProcessDefinitions ?? {}).map((d) => `${d.key}:${d.version}`);
  log.info({ resources: files.length, changed }, changed.length ? 'deployed changed resources' : 'deployment unchanged');
  return changed;
}
