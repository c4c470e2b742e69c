/** The plans the lineage tests load: two series, each with annotated later years (tests/fixtures/lineage/). */
import path from 'node:path';
import { REPO_ROOT } from '../store/repo';
import { SEED_FILE } from './seeded-app';

const fixture = (...parts: string[]) => path.join(REPO_ROOT, 'tests', 'fixtures', ...parts);

/** The seed's series first (2020, 2021, 2022), then the Macao one (2017, 2018). */
export const LINEAGE_FILES = [
  SEED_FILE,
  fixture('lineage', '2021-guangdong-hong-kong-key-work-continued.txt'),
  fixture('lineage', '2022-guangdong-hong-kong-key-work-continued-simplified.txt'),
  fixture('documents', '2017-guangdong-macao-key-work-older-layout.txt'),
  fixture('lineage', '2018-guangdong-macao-key-work-holdout.txt'),
];
