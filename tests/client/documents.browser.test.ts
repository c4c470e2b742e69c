/**
 * The Documents view end to end in Debian's Chromium against the real app and Neo4j: five files of
 * five formats dropped at once, each watched through its stages to its parse report; an outline;
 * one document deleted; the graph, the search and the overlaps follow. Screenshot:
 * test-results/screenshots/documents.png.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../testkit/db';
import { encodeHtml, encodeText, toDocx, toPdf } from '../../testkit/formats';
import {
  describeInChromium,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

const fixture = (p: string) => readFile(path.join(repoRoot, 'tests/fixtures', p), 'utf8');

describeInChromium('the Documents view in Chromium', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  /** Drops files on the drop zone as a user dragging them from a file manager would. */
  async function drop(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const payload = files.map((f) => ({ name: f.name, data: Buffer.from(f.bytes).toString('base64') }));
    // Runs in the page (the test's TypeScript has no DOM library, hence the declared shape).
    const transfer = await page.evaluateHandle((items) => {
      const web = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: Uint8Array[], name: string) => unknown;
      };
      const dt = new web.DataTransfer();
      for (const item of items)
        dt.items.add(new web.File([Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0))], item.name));
      return dt;
    }, payload);
    await page.dispatchEvent('.dropzone', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
  }

  const legendCount = async (label: string) =>
    Number(await page.locator(`.legend__row[data-node="${label}"] .legend__count`).innerText());

  it('adds five files by drag and drop, shows each one’s way in and report, and the graph, search and overlaps follow a deletion', async () => {
    await openView(page, `${base}/?view=documents&lang=en`, '.doclist tr[data-key]');
    expect(await page.locator('.doclist tbody tr').count()).toBe(1);

    const [macao, youth, units, hengqin, simplified] = await Promise.all([
      fixture('documents/2021-guangdong-macao-cooperation-plan-simplified.txt'),
      fixture('documents/2022-guangdong-hong-kong-macao-youth-plan.txt'),
      fixture('documents/2019-guangdong-hong-kong-work-plan-units.md'),
      fixture('parse/2023-hengqin-youth-points-no-sections.txt'),
      fixture('parse/2021-guangdong-macao-simplified.md'),
    ]);
    await drop([
      { name: 'macao-2021.docx', bytes: await toDocx(macao) },
      { name: 'youth-2022.html', bytes: encodeHtml(youth, 'gb18030') },
      { name: 'units-2019.pdf', bytes: await toPdf(units) },
      { name: 'hengqin-2023.txt', bytes: encodeText(hengqin, 'gb18030') },
      { name: 'macao-2021-short.md', bytes: Buffer.from(simplified) },
    ]);

    // Each file goes through its stages to a report; all five end loaded.
    const done = page.locator('.upload__file[data-state="done"]');
    // Every report has arrived once the last file's has (the uploads run in order).
    await page
      .locator(
        '.upload__file[data-file="macao-2021-short.md"]:is([data-state="done"], [data-state="failed"])',
      )
      .waitFor({ timeout: 120_000 });
    expect(await page.locator('.upload__file[data-state="failed"]').count()).toBe(0);
    const reports = await done.locator('.upload__summary').allInnerTexts();
    expect(reports).toHaveLength(5);
    for (const report of reports) expect(report).toMatch(/\(.+\): \d+ measures, \d+ entities, \d+ units$/);
    expect(reports.join('\n')).toMatch(/\(Word\): 31 measures/);
    expect(reports.join('\n')).toMatch(/\(web page, GB18030\): 24 measures/);
    expect(reports.join('\n')).toMatch(/\(PDF\): 27 measures/);
    expect(reports.join('\n')).toMatch(/\(text, GB18030\)/);
    expect(await done.locator('.upload__step--done').count()).toBe(5 * 4);
    // The PDF's report says what its reader changed.
    await page.locator('.upload__file[data-file="units-2019.pdf"] .upload__warnings summary').click();
    expect(
      await page.locator('.upload__file[data-file="units-2019.pdf"] .upload__warnings li').allInnerTexts(),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/look-alike character/)]));
    await page.locator('.doclist tr[data-key="youth-2022"]').waitFor();
    expect(await page.locator('.doclist tbody tr').count()).toBe(6);

    // A report leads to the document's outline.
    await page.locator('.upload__file[data-file="macao-2021.docx"] .upload__outline').click();
    await page.locator('.outline__title').waitFor();
    expect(await page.locator('.outline__title').innerText()).toContain('粤澳合作框架协议');
    expect(await page.locator('.outline .outline__measure').count()).toBe(31);
    await session.shot('documents');

    // The graph holds the six documents; the search finds the youth plan's words.
    await page.locator('.tabs__tab[data-view="graph"]').click();
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
    await page.locator('.legend__row[data-node="Document"] .legend__count', { hasText: /^6$/ }).waitFor();
    const search = page.locator('.search__input');
    await search.fill('同心同行');
    await page.locator('.search__hit').first().waitFor();

    // Delete the youth plan: a confirming second click, then it is gone everywhere.
    await page.locator('.tabs__tab[data-view="documents"]').click();
    await page.locator('.doclist tr[data-key="youth-2022"] .doclist__delete').click();
    await page.locator('.doclist tr[data-key="youth-2022"] .doclist__confirm').click();
    await page.locator('.doclist tr[data-key="youth-2022"]').waitFor({ state: 'detached' });
    expect(await page.locator('.doclist tbody tr').count()).toBe(5);

    await page.locator('.tabs__tab[data-view="graph"]').click();
    await page.locator('.legend__row[data-node="Document"] .legend__count', { hasText: /^5$/ }).waitFor();
    expect(await legendCount('Measure')).toBeGreaterThan(57);
    await search.fill('');
    await search.fill('同心同行');
    await page.locator('.search__message').first().waitFor();
    expect(await page.locator('.search__hit').count()).toBe(0);

    // Replace… loads a file of another name as a new version of a document.
    await page.locator('.tabs__tab[data-view="documents"]').click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('.doclist tr[data-key="hengqin-2023"] .doclist__replace').click(),
    ]);
    await chooser.setFiles({
      name: 'hengqin-2023-final.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(hengqin),
    });
    const replaced = page.locator('.upload__file[data-file="hengqin-2023-final.txt"][data-state="done"]');
    await replaced.waitFor();
    expect(await replaced.locator('.upload__note').innerText()).toBe('a new version of hengqin-2023');
    expect(await page.locator('.doclist tbody tr').count()).toBe(5);

    // The overlaps now read sections of the uploaded plans.
    await page.locator('.tabs__tab[data-view="overlaps"]').click();
    await page.locator('.heatmap__col').first().waitFor();
    const columns = await page.locator('.heatmap__col').allInnerTexts();
    expect(columns.join('\n')).toMatch(/横琴|基础设施|口岸/);
  });
});
