/**
 * The answers of the last few distinct lines of a JSONL stream that came more than once, by the line's text: a batch
 * that repeats a scenario (the same line many times, or a few lines in turn) is answered from here without parsing,
 * evaluating or serialising it again. An answer is kept only for a text met before among the last few (`repeated`):
 * keeping every line's answer for a few lines made a stream of distinct lines about 5% slower (commit d437b46: 3,000
 * distinct internal-tool lines, paired runs, 6.01 s against 5.69 s; each answer, 17.7 kB of text on average over the
 * bench's 3,000 varied lines, outlived the young generation and was copied out of it). Only for answers that are a pure function of the line's text (`run --jsonl`'s results: an error names its
 * line number and is never kept). Bounded, as the stream may be endless: at most MAX_RECENT_ANSWERS entries and
 * MAX_RECENT_ANSWER_CHARS characters of keys and answers together, the least recently used dropped first; an entry
 * larger than the whole bound is not kept.
 */

/** Entries kept: enough for a few scenarios in turn, few enough that a batch of distinct lines loses nothing. */
export const MAX_RECENT_ANSWERS = 8;

/** Characters of texts and answers kept, together (a character is one or two bytes in V8's strings): 2 Mi. */
export const MAX_RECENT_ANSWER_CHARS = 2 * 1024 * 1024;

export class RecentAnswers<V> {
  /** Insertion order is recency order: a hit is moved to the end, the first entry is the least recently used. */
  private readonly entries = new Map<string, { value: V; chars: number }>();
  private chars = 0;
  /** The texts of the last lines met (`repeated`), under the same bounds, most recent last. */
  private readonly met: RecentAnswers<true> | null;

  constructor(
    private readonly maxEntries = MAX_RECENT_ANSWERS,
    private readonly maxChars = MAX_RECENT_ANSWER_CHARS,
    remember = true,
  ) {
    this.met = remember ? new RecentAnswers<true>(maxEntries, maxChars, false) : null;
  }

  /**
   * Whether `text` is among the last lines met (at most the bounds' entries and characters of texts), and it is
   * met now: a line worth keeping the answer of.
   */
  repeated(text: string): boolean {
    const met = this.met as RecentAnswers<true>;
    if (met.get(text) !== undefined) return true;
    met.set(text, true, 0);
    return false;
  }

  /** The answer kept for `text`, or undefined (a hit becomes the most recently used). */
  get(text: string): V | undefined {
    const hit = this.entries.get(text);
    if (hit === undefined) return undefined;
    this.entries.delete(text);
    this.entries.set(text, hit);
    return hit.value;
  }

  /** Keeps `value` as the answer for `text`; `valueChars`: its size in characters (a string's length). */
  set(text: string, value: V, valueChars: number): void {
    const chars = text.length + valueChars;
    const old = this.entries.get(text);
    if (old !== undefined) {
      this.entries.delete(text);
      this.chars -= old.chars;
    }
    if (chars > this.maxChars) return;
    while (this.entries.size >= this.maxEntries || this.chars + chars > this.maxChars) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { chars: number }];
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
    this.entries.set(text, { value, chars });
    this.chars += chars;
  }

  /** Entries kept and their characters (for the tests of the bounds). */
  get size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }

  /** The texts `repeated` keeps, and their characters (for the tests of the bounds). */
  get metSize(): { entries: number; chars: number } {
    return this.met === null ? { entries: 0, chars: 0 } : this.met.size;
  }
}
