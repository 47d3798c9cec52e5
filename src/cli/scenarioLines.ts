/**
 * Reading the scenarios of a JSONL batch (`run --jsonl`), each line as a change to recent ones: a batch usually
 * varies one or two top-level members (a rate, a target) and repeats the rest (the description, the reliability, the
 * candidates) on every line. Each top-level member's value is parsed and checked (nesting, repeated keys, forbidden
 * keys, the schema) once for every line that writes it with the same text, and the members whose reading depends on
 * nothing else (scenario/normalize.ts MemberReadings) are read once too. The result is readScenarioText's, the same
 * Scenario or the same error: a line this path cannot vouch for (not laid out as one object of members, too long, a
 * member that fails a check, a problem found) is read by readScenarioText itself.
 */
import { InputErrors } from '../errors.js';
import { FORBIDDEN_KEYS, forbiddenKeys } from '../scenario/issues.js';
import { MAX_SCENARIO_BYTES, MAX_SCENARIO_DEPTH } from '../scenario/limits.js';
import { MemberReadings, parseCheckedScenario } from '../scenario/normalize.js';
import { ownKeyCount, readScenarioText, scanJson } from '../scenario/read.js';
import { memberPasses, requiredMembers } from '../scenario/shapePasses.js';
import { topLevelMembers } from '../scenario/topLevelMembers.js';
import type { Scenario } from '../scenario/types.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { RecentAnswers } from './recentAnswers.js';

/** Members kept (a key and its value's text): a batch's unchanged members and the last few values of its changing ones. */
export const MAX_KEPT_MEMBERS = 64;

/** Characters of the kept members' texts, together: 1 Mi (their parsed values and readings are a few times more). */
export const MAX_KEPT_MEMBER_CHARS = 1024 * 1024;

/** A top-level member's value parsed once, and whether it passes every check a scenario's member must pass. */
interface KeptMember {
  value: unknown;
  passes: boolean;
}

export class ScenarioLines {
  private readonly members = new RecentAnswers<KeptMember>(MAX_KEPT_MEMBERS, MAX_KEPT_MEMBER_CHARS, false);
  private readonly readings: MemberReadings;
  private readonly required = requiredMembers();
  /**
   * The previous line's members with what was kept of each: a member written as on the line before (most of them, in
   * a batch) is found by comparing its texts, without hashing them for the kept members' map.
   */
  private previous: { keyText: string; valueText: string; kept: KeptMember }[] = [];

  constructor(catalog: MemberReadings['catalog']) {
    this.readings = new MemberReadings(catalog);
  }

  /** Members kept and their characters (for the tests of the bounds). */
  get keptSize(): { entries: number; chars: number } {
    return this.members.size;
  }

  /**
   * The scenario of one line: readScenarioText(text, source)'s result.
   * @throws {InputErrors} readScenarioText's errors
   */
  read(text: string, source: string): Scenario {
    const raw = text.length <= MAX_SCENARIO_BYTES / 3 ? this.checkedMembers(text) : null;
    if (raw !== null) {
      try {
        return parseCheckedScenario(raw, this.readings);
      } catch (error) {
        if (!(error instanceof InputErrors)) throw error;
        // a problem: readScenarioText words it (and orders it among the others) as for any other line
      }
    }
    return readScenarioText(text, source);
  }

  /**
   * The line's object with every member's kept value, when the line is one object of members that each pass every
   * check and it has every required member; null otherwise. (A line of at most MAX_SCENARIO_BYTES / 3 characters is
   * within the byte limit: a UTF-16 unit is at most 3 bytes of UTF-8.)
   */
  private checkedMembers(text: string): Record<string, unknown> | null {
    const members = topLevelMembers(text);
    if (members === null) return null;
    const raw: Record<string, unknown> = {};
    const previous = this.previous;
    this.previous = [];
    for (let i = 0; i < members.length; i++) {
      const { keyText, valueText } = members[i] as (typeof members)[number];
      let key: string;
      try {
        key = keyText.includes('\\') ? (JSON.parse(keyText) as string) : keyText.slice(1, -1);
      } catch {
        return null;
      }
      if (FORBIDDEN_KEYS.has(key) || Object.hasOwn(raw, key)) return null;
      const before = previous[i];
      const kept =
        before !== undefined && before.keyText === keyText && before.valueText === valueText
          ? before.kept
          : this.member(key, keyText, valueText);
      if (kept === null || !kept.passes) return null;
      this.previous.push({ keyText, valueText, kept });
      raw[key] = kept.value;
    }
    for (const key of this.required) if (!Object.hasOwn(raw, key)) return null;
    return raw;
  }

  /** The kept value of a member (parsed and checked on its first sight), or null when its text is not JSON. */
  private member(key: string, keyText: string, valueText: string): KeptMember | null {
    const id = `${keyText}:${valueText}`;
    let kept = this.members.get(id);
    if (kept === undefined) {
      let value: unknown;
      try {
        value = JSON.parse(valueText);
      } catch {
        return null;
      }
      // one level below the line's object: nested at most MAX_SCENARIO_DEPTH - 1 more; as many keys in the text as
      // in the value (no key twice in an object); no forbidden key; the schema's rules of the member
      const scan = scanJson(valueText, MAX_SCENARIO_DEPTH - 1);
      const passes =
        scan.deepAt === null &&
        scan.keys === ownKeyCount(value) &&
        forbiddenKeys(value).length === 0 &&
        memberPasses(key, value);
      kept = { value: deepFreeze(value), passes };
      this.members.set(id, kept, 0);
    }
    return kept;
  }
}
