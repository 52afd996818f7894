// Where the engine serves its web apps (Tasklist, Cockpit, Admin): Operaton under /operaton,
// Camunda 7 (and CIB seven) under /camunda, on the host of the REST API. Links and tests ask here
// instead of writing either path.

/** The web-app paths of the engines the product runs on, the default engine's first. */
export const WEBAPP_PATHS = ['/operaton', '/camunda'] as const;

/** The web apps of one engine. */
export interface EngineWebapps {
  /** `/operaton` or `/camunda`. */
  path: string;
  tasklist: string;
  cockpit: string;
  admin: string;
  /** The web apps' own engine API (the logged-in user's session), relative to the host. */
  sessionApi: string;
}

/** The engine's host: its REST API base without `/engine-rest`. */
export function engineOrigin(engineUrl: string): string {
  return engineUrl.replace(/\/+$/, '').replace(/\/engine-rest$/, '');
}

/** The URLs of the web apps under `path` on the host of `engineUrl`. */
export function webappUrls(engineUrl: string, path: string): EngineWebapps {
  const base = `${engineOrigin(engineUrl)}${path}/app`;
  return { path, tasklist: `${base}/tasklist/`, cockpit: `${base}/cockpit/`, admin: `${base}/admin/`, sessionApi: `${path}/api/engine/engine/default` };
}

/**
 * The engine's web apps: under `configured` (ENGINE_WEBAPP_PATH) when given, else under the first
 * of WEBAPP_PATHS whose Tasklist answers. Fails when none does (web apps off, or engine down).
 */
export async function findWebapps(engineUrl: string, configured?: string): Promise<EngineWebapps> {
  if (configured) return webappUrls(engineUrl, configured);
  for (const path of WEBAPP_PATHS) {
    const urls = webappUrls(engineUrl, path);
    try {
      const res = await fetch(urls.tasklist, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel();
      if (res.status < 400) return urls;
    } catch {
      // not reachable under this path: try the next
    }
  }
  throw new Error(`no engine web apps answer under ${WEBAPP_PATHS.join(' or ')} at ${engineOrigin(engineUrl)}; set ENGINE_WEBAPP_PATH`);
}
