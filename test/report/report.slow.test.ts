// The HTML plan report in a real browser (issue 14): Debian's Chromium driven by playwright-core. The page must load
// with no console errors, draw a node per changed table, and its hazard filter must hide the other steps. A
// screenshot is written to .sfm-tmp/test-output/report/. .ci/run installs Chromium; without it this test fails.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { planReport } from '../../src/index.js';
import { useDatabases } from '../support/db.js';
import { evolvePlan } from '../support/evolve.js';

const database = useDatabases();
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const OUT = join(__dirname, '..', '..', '.sfm-tmp', 'test-output', 'report');

describe('the HTML plan report in Chromium', () => {
  it('loads without console errors, draws the changed table, filters by hazard, and is photographed', async () => {
    expect(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium; .ci/run does)`).toBe(
      true,
    );
    const d = await database();
    const p = await evolvePlan(d.url);
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'plan.html');
    writeFileSync(file, await planReport(p, 'html'));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${file}`);
      expect(errors).toEqual([]);
      expect(requests, 'the page fetches nothing').toEqual([]);

      const titles = await page.locator('#diagram svg g.node title').allTextContents();
      expect(titles).toContain('table:public.notes');
      const steps = page.locator('#steps li.step');
      const total = await steps.count();
      expect(total).toBe(p.steps.length);
      const indexSteps = p.steps.filter((s) => s.hazards.includes('INDEX_BUILD')).length;
      expect(indexSteps).toBeGreaterThan(0);
      expect(indexSteps).toBeLessThan(total);

      await page.locator('#filters input[value="INDEX_BUILD"]').check();
      expect(await page.locator('#steps li.step:visible').count()).toBe(indexSteps);
      expect(await page.locator('#steps li.step:visible code').first().textContent()).toContain(
        'create index:public.notes_title',
      );
      await page.locator('#filters input[value="all"]').check();
      expect(await page.locator('#steps li.step:visible').count()).toBe(total);

      const shot = join(OUT, 'plan.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
