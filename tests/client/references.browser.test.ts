/**
 * Measures as a plan refers to them, in Chromium: by their unique reference (`三（一）5`, `五（一）#2`
 * where numbering restarts under an unnumbered heading), in search suggestions and the details panel,
 * with the leader in charge a task-division plan names, in both interface languages.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { REPO_ROOT } from '../../store/repo';
import { SEED_FILE } from '../../testkit/seeded-app';
import {
  describeInChromium,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/documents');
const OLDER = '2017-guangdong-macao-key-work-older-layout';
const TASKS = '2021-guangdong-task-division-plan-simplified';

describeInChromium('measure references in the explorer', () => {
  let session: ExplorerSession;
  let page: Page;
  const open = (query: string) => openGraph(page, `${session.base}/${query}`);
  const detailsName = () => page.locator('.details__name').innerText();

  beforeAll(async () => {
    session = await startExplorerSession({
      files: [SEED_FILE, path.join(FIXTURES, `${OLDER}.txt`), path.join(FIXTURES, `${TASKS}.txt`)],
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  it('names a measure by its reference in the details panel, even where its number repeats', async () => {
    await open(`?node=${encodeURIComponent(`${OLDER}/s5.h2/m1`)}`);
    await expect(detailsName()).resolves.toBe('Measure 2017·五（一）#2');
    await open(`?node=${encodeURIComponent(`${OLDER}/s3.1/m5`)}`);
    await expect(detailsName()).resolves.toBe('Measure 2017·三（一）5');
    // The measure the year once hid: its text starts with the year.
    await expect(page.locator('.details__body .measure-card--main').innerText()).resolves.toMatch(
      /^2017年舉辦/u,
    );
  });

  it('offers measures in search by their reference', async () => {
    await open('');
    await page.locator('.search__input').fill('粵澳金融合作發展論壇');
    await page.locator('.search__hit', { hasText: 'Measure 2017·三（一）5' }).first().waitFor();
  });

  it('shows the leader in charge of a task-division measure, and its reference, in both languages', async () => {
    await open(`?node=${encodeURIComponent(`${TASKS}/m1`)}`);
    await expect(detailsName()).resolves.toBe('Measure 2021·一、1');
    await expect(page.locator('.facts dt', { hasText: 'Leader in charge' }).count()).resolves.toBe(1);
    await expect(page.locator('.measure-leaders').innerText()).resolves.toBe('张某某');
    await page.locator('[data-action="lang"]').selectOption('zh-Hant');
    await expect(detailsName()).resolves.toBe('措施 2021·一、1');
    await expect(page.locator('.facts dt', { hasText: '分管領導' }).count()).resolves.toBe(1);
    await page.locator('[data-action="lang"]').selectOption('en');
  });
});
