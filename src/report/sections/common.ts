/** What the worksheet's sections share: the latency format, a target met or missed, the recommended design and its rival. */

import type { ArchitectureResult, ComparisonResult } from '../../compare/result.js';
import { better } from '../../compare/size.js';
import { formatLatencyMs } from '../../units/format.js';
import { listAnd } from '../../util/suggest.js';
import { type Block, methodParagraph } from '../document.js';

export const ms = formatLatencyMs;

/** A table row of the candidates: its label, then `f` of each candidate in order. */
export const candidateRow =
  (archs: readonly ArchitectureResult[]) =>
  (label: string, f: (a: ArchitectureResult) => string): string[] => [label, ...archs.map(f)];

export const yesNo = (b: boolean | null) => (b === null ? 'n/a' : b ? 'met' : '**missed**');

export function recommended(result: ComparisonResult): ArchitectureResult | undefined {
  return result.architectures.find((a) => a.name === result.recommendation.name);
}

/** The best candidate of the other kind than `a`, ranked as the engine ranks (every target met, then fewer
 * missed, then cost). */
export function rival(result: ComparisonResult, a: ArchitectureResult | undefined): ArchitectureResult | undefined {
  let best: ArchitectureResult | null = null;
  for (const x of result.architectures) if ((!a || x.kind !== a.kind) && better(x, best)) best = x;
  return best ?? undefined;
}

/**
 * The method of each candidate's figure as paragraphs of method, said once for the candidates that share it (a worksheet of four candidates
 * with one method printed it four times, issue 19's print length): "Method (every candidate): ..." or, when they
 * differ, one sentence per group ("Method for A and B: ...").
 * @example methodParagraphs([{ name: 'A', method: 'exact' }, { name: 'B', method: 'exact' }]) // one paragraph: "Method (every candidate): exact."
 */
export function methodParagraphs(items: readonly { name: string; method: string }[]): Block[] {
  return methodSentences(items).map(methodParagraph);
}

function methodSentences(items: readonly { name: string; method: string }[]): string[] {
  const groups = new Map<string, string[]>();
  for (const { name, method } of items) groups.set(method, [...(groups.get(method) ?? []), name]);
  if (groups.size <= 1)
    return [...groups.keys()].map((m) => `Method (${items.length === 1 ? items[0]?.name : 'every candidate'}): ${m}.`);
  return [...groups].map(([m, names]) => `Method for ${listAnd(names)}: ${m}.`);
}
