/**
 * The design-review worksheet (`capplan worksheet`): a document a team reads, questions and signs, built once from
 * its sections (report/sections/, one file each) and drawn as Markdown, HTML or plain text (report/render/). It
 * stands on its own: what was compared, under which assumptions, and why the recommendation follows. Every number
 * is the `run` result's, formatted with units (the cells come from `comparisonCells`, which the tests check against
 * the result). No timestamp unless one is given, so the output is reproducible. Pure: data in, text out.
 */

import type { Catalog } from '../catalog/index.js';
import type { CostCurve } from '../compare/costCurve.js';
import type { ComparisonResult } from '../compare/result.js';
import type { SensitivityResult } from '../compare/sensitivity.js';
import type { Scenario } from '../scenario/types.js';
import { formatRate } from '../units/format.js';
import { type Document, heading, paragraph } from './document.js';
import { renderMarkdown } from './render/markdown.js';
import { availability } from './sections/availability.js';
import { candidates } from './sections/candidates.js';
import { cost } from './sections/cost.js';
import { decision } from './sections/decision.js';
import { growth } from './sections/growth.js';
import { inputs } from './sections/inputs.js';
import { latency } from './sections/latency.js';
import { risksSection } from './sections/risks.js';
import { sensitivitySection } from './sections/sensitivity.js';
import { summary, warnings } from './sections/summary.js';
import { codeSpan, escapeTyped } from './userText.js';

export interface WorksheetInput {
  scenario: Scenario;
  result: ComparisonResult;
  catalog: Catalog;
  curve: CostCurve | null;
  sensitivity: SensitivityResult | null;
  /** Where the scenario came from (file name). */
  source: string;
  /** A date to print (YYYY-MM-DD); none by default, for reproducible output. */
  date?: string;
}

export { cell } from './render/markdown.js';
export { comparisonCells, frontierCells } from './sections/candidates.js';
export { designsSentence } from './sections/growth.js';

/**
 * The worksheet as a document (sections of headings, paragraphs, tables, text charts and figures): what the three
 * renderers (Markdown, HTML, terminal) draw.
 */
export function worksheetDocument(input: WorksheetInput): Document {
  // every string a user typed, escaped wherever it appears (userText.ts)
  const w = escapeTyped(input);
  return [
    heading(1, `Design review: ${w.result.scenario}`),
    paragraph(
      `_capplan worksheet for ${codeSpan(w.source)}${w.date ? `, ${w.date}` : ''}. Every figure is at the design rate ${formatRate(w.result.designRatePerS)}._`,
    ),
    ...warnings(w),
    ...summary(w),
    ...inputs(w),
    ...candidates(w),
    ...availability(w),
    ...latency(w),
    ...cost(w),
    ...growth(w),
    ...sensitivitySection(w),
    ...risksSection(w),
    ...decision(w),
  ];
}

/** The worksheet as Markdown. */
export function worksheetMarkdown(w: WorksheetInput): string {
  return renderMarkdown(worksheetDocument(w));
}
