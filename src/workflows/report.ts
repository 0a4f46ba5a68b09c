// Plan reports for review: Markdown for a pull-request comment, one self-contained HTML page.
import { planHtml } from '../report/html.js';
import { planMarkdown } from '../report/markdown.js';
import type { PlanReportInput } from '../report/input.js';
import type { PlanResult } from './plan.js';

export type ReportFormat = 'markdown' | 'html';

function reportInput(p: PlanResult): PlanReportInput {
  return {
    steps: p.steps,
    down: p.down,
    hazards: p.hazards,
    current: p.models.current,
    desired: p.models.desired,
    migration: p.migration?.path,
    migrationText: p.migration?.text,
    proof: p.proof,
  };
}

export async function planReport(p: PlanResult, format: ReportFormat): Promise<string> {
  return format === 'markdown' ? planMarkdown(reportInput(p)) : planHtml(reportInput(p));
}
