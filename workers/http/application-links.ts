// The API's links in what it answers about applications: the service returns data (ids, names),
// and the routers add where to find them in this API.
import type { ApplicationDocument, ApplicationStatus } from '../applications/service.js';

export const applicationPath = (id: string): string => `/api/applications/${id}`;
export const documentPath = (id: string, name: string): string => `${applicationPath(id)}/documents/${name}`;
export const correctionsPath = (id: string): string => `${applicationPath(id)}/corrections`;

/** A document of an application as the API lists it. */
export interface DocumentEntry extends ApplicationDocument {
  /** Download through the API (bearer token). */
  href: string;
}

/** A document with its download link (last, as the API has always answered it). */
export const documentEntry = (id: string, d: ApplicationDocument): DocumentEntry => ({ ...d, href: documentPath(id, d.name) });

/** The status as the API answers it: where to send the correction, and where to download each document. */
export function statusBody(status: ApplicationStatus) {
  return {
    ...status,
    correction: status.correction ? { ...status.correction, href: correctionsPath(status.id) } : null,
    documents: status.documents.map((d) => documentEntry(status.id, d)),
  };
}
