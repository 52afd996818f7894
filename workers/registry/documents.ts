// The documents of the registry: what was rendered for an application and where it is stored.
import { RegistryPart, instant } from './shared.js';

export interface DocumentRecord {
  name: string;
  sha256: string;
  size: number;
  fileName: string;
  store: string;
  renderedAt: string | null;
}

export class Documents extends RegistryPart {
  /** A document made for the application (the newest rendering of a name wins). */
  async putDocument(id: string, d: DocumentRecord): Promise<void> {
    await this.run('document', () =>
      this.db
        .insertInto('documents')
        .values({ application_id: id, name: d.name, sha256: d.sha256, size: d.size, file_name: d.fileName, store: d.store, rendered_at: instant(d.renderedAt) })
        .onConflict((oc) => oc.columns(['application_id', 'name']).doUpdateSet({ sha256: d.sha256, size: d.size, file_name: d.fileName, store: d.store, rendered_at: instant(d.renderedAt) }))
        .execute(),
    );
  }

  async documents(id: string) {
    return this.run('documents', () => this.db.selectFrom('documents').selectAll().where('application_id', '=', id).orderBy('rendered_at').orderBy('name').execute());
  }
}
