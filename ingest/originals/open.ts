/** The originals' store the configuration names (SOURCES_STORE, SOURCES_DIR in store/config.ts). */
import type { SourcesSettings } from '../../store/config';
import type { Connection } from '../../store/connection';
import { FolderOriginals } from './folder';
import { GraphOriginals } from './graph';
import type { Originals } from './originals';

export function openOriginals(connection: Connection, settings: SourcesSettings): Originals {
  return settings.keep === 'graph' ? new GraphOriginals(connection) : new FolderOriginals(settings.dir);
}
