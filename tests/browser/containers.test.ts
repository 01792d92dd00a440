import { expect, inject, it } from 'vitest';
import { inFreshPage, screenshot, useChromium } from './chromium';
import { createProject, expectSaved, newPath, typeCode } from './project-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('a Dockerfile is linted in the editor gutter and the Problems panel, with the Labbook counterpart', async () => {
  await inFreshPage(chromium(), async (page) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await createProject(page, siteUrl, 'containers');
    await newPath(page, 'file', 'Dockerfile');
    await typeCode(
      page,
      'FROM python\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 5000\n',
    );
    await expectSaved(page);
    await page.getByRole('button', { name: 'Lint project' }).click();
    const problem = page.getByRole('button', {
      name: /at Dockerfile line 1 column 1: FROM python has no tag/,
    });
    await problem.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await screenshot(page, 'project-page-dockerfile-failed');
      throw e;
    });
    await expect(
      page
        .getByRole('button', {
          name: /at Dockerfile line 3 column 1: COPY \. .*before the dependency install on line 4/,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(
      page
        .getByRole('button', {
          name: /at Dockerfile line 5 column 1: EXPOSE 5000 does not include 8000/,
        })
        .count(),
    ).resolves.toBe(1);
    // The gutter: the editor lints the file as typed, in the lint worker.
    await page.locator('.cm-lint-marker').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'project-page-dockerfile-problems');
  });
});
