/** `npm run build:neo4j`: builds the embedded Neo4j launcher with Maven when it is missing or stale. */
import path from 'node:path';
import { ensureLauncherBuilt } from '../server/db/embedded';
import { describeFatal } from '../server/fatal';

ensureLauncherBuilt({ repoRoot: path.resolve(__dirname, '..'), log: (line) => console.log(line) })
  .then(() => console.log('Embedded Neo4j launcher is built: neo4j/target/embedded-neo4j.jar'))
  .catch((error: unknown) => {
    console.error(describeFatal(error));
    process.exit(1);
  });
