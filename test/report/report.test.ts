// Plan reports (issue 14): the examples/evolve v1 → v2 plan as a pull-request comment (Markdown) and as one HTML page.
// The page is also opened in Chromium by report.slow.test.ts.
import { describe, expect, it } from 'vitest';
import { planReport } from '../../src/index.js';
import { useDatabases } from '../support/db.js';
import { evolvePlan } from '../support/evolve.js';

const database = useDatabases();

describe('plan reports of the evolve v1 → v2 plan', () => {
  it('Markdown: summary, steps with hazard badges, SQL and down steps folded, a Mermaid diagram of the changes', async () => {
    const d = await database();
    const p = await evolvePlan(d.url);
    const md = await planReport(p, 'markdown');
    expect(md).toMatch(/^### sfm-schema plan: `.*_v2\.sql`\n/);
    expect(md).toMatch(
      new RegExp(
        `\\*\\*${p.steps.length} step\\(s\\) · hazards: INDEX_BUILD · \\d+ outside a transaction · proven in \\d+ ms\\*\\*`,
      ),
    );
    expect(md).toContain('| # | change | hazards | transaction | cost and observations |');
    // The target's size of the table, and the time its index build is estimated to take there.
    expect(md).toMatch(
      /\| \d+ \| `create index:public\.notes_title` \| 🟡 INDEX_BUILD \| outside \| cost: public\.notes \d+ rows, \d+ kB: index, online, estimated \d+ ms/,
    );
    expect(md).toContain('<details><summary>SQL of the steps</summary>');
    expect(md).toMatch(/<details><summary>Down steps \(\d+\): what rollback runs<\/summary>/);
    expect(md).toMatch(/```mermaid\nerDiagram\n {2}public_notes\["public\.notes \(changed\)"\] \{/);
    expect(md).toContain('  classDef changed fill:#fffbeb,stroke:#9a6700\n  class public_notes changed');
  });

  it('HTML: one page with the diagram, filters, steps, down steps and the file, nothing fetched', async () => {
    const d = await database();
    const p = await evolvePlan(d.url);
    const html = await planReport(p, 'html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain('<title>table:public.notes</title>');
    expect(html).toContain('<input type="radio" name="hazard" value="INDEX_BUILD">');
    expect(html).toMatch(/<ul class="notes"><li>cost: public\.notes \d+ rows, \d+ kB: index, online, estimated/);
    expect(html).toContain('<section id="file">');
    expect(html).toContain('-- sfm-schema migration');
  });
});
