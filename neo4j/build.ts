/** `npm run build:neo4j`: builds the embedded Neo4j launcher with Maven when it is missing or stale. */
import { ensureLauncherBuilt } from '../store/embedded/process';
import { describeFatal } from '../store/fatal';
import { REPO_ROOT } from '../store/repo';

ensureLauncherBuilt({ repoRoot: REPO_ROOT, log: (line) => console.log(line) })
  .then(() => console.log('Embedded Neo4j launcher is built: neo4j/target/embedded-neo4j.jar'))
  .catch((error: unknown) => {
    console.error(describeFatal(error));
    process.exit(1);
  });
