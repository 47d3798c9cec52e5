/**
 * xoroshiro128+ jumped k times in O(log k): the generator's state transition is linear over GF(2) (xors, shifts and
 * rotations of its 128 bits), so its `jump()` (2^64 steps) is a 128 x 128 bit matrix J, read off by jumping each of
 * the 128 unit states, and k jumps are J^k, by squaring: J^(2^j) is kept once computed. The state J^k s is the one k
 * calls of jump() reach, bit for bit (tested), so a chunk's stream is positioned in microseconds instead of k jumps
 * (12,000 jumps took 10 ms, and streams 0..1999 together 0.75 s; issue 18).
 *
 * States are pure-rand's getState() order [s01, s00, s11, s10] of signed 32-bit words; matrices are 128 columns of
 * 4 words each (column b: the image of the state whose only set bit is bit b of word b >> 5).
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type State = readonly [number, number, number, number];
/** 128 columns x 4 words, column-major. */
type Matrix = Int32Array;

/** M s: the xor of the columns of M at the set bits of s. */
function apply(m: Matrix, s: State): [number, number, number, number] {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let w = 0; w < 4; w++) {
    const word = s[w] as number;
    for (let bit = 0; bit < 32; bit++) {
      if ((word >>> bit) & 1) {
        const col = ((w << 5) | bit) << 2;
        a ^= m[col] as number;
        b ^= m[col + 1] as number;
        c ^= m[col + 2] as number;
        d ^= m[col + 3] as number;
      }
    }
  }
  return [a, b, c, d];
}

/** A B: column b of the product is A (column b of B). */
function multiply(a: Matrix, b: Matrix): Matrix {
  const out = new Int32Array(512);
  for (let col = 0; col < 128; col++) {
    const k = col << 2;
    const v = apply(a, [b[k] as number, b[k + 1] as number, b[k + 2] as number, b[k + 3] as number]);
    out.set(v, k);
  }
  return out;
}

/** J: each unit state jumped once. */
function jumpMatrix(): Matrix {
  const m = new Int32Array(512);
  for (let col = 0; col < 128; col++) {
    const unit: [number, number, number, number] = [0, 0, 0, 0];
    unit[col >> 5] = 1 << (col & 31);
    const g = xoroshiro128plusFromState(unit);
    g.jump();
    m.set(g.getState() as number[], col << 2);
  }
  return m;
}

/** Up to this many jumps, jumpedState calls jump() that many times (the same state as the matrices give). */
const DIRECT_JUMPS = 64;

/** The last direct answer: its start state, jumps and state (copies: a pure function's memo, like `powers`). */
let lastDirect: { from: State; jumps: number; to: State } | null = null;

/** powers[j] = J^(2^j), computed on first use. */
const powers: Matrix[] = [];

function power(j: number): Matrix {
  if (powers.length === 0) powers.push(jumpMatrix());
  while (powers.length <= j) {
    const last = powers[powers.length - 1] as Matrix;
    powers.push(multiply(last, last));
  }
  return powers[j] as Matrix;
}

/**
 * The state `jumps` calls of jump() reach from `state` (pure-rand's getState() order), for 0 <= jumps < 2^53.
 * @example jumpedState([-1, -2, 1, 0], 0) // [-1, -2, 1, 0]
 */
export function jumpedState(state: State, jumps: number): [number, number, number, number] {
  if (!Number.isSafeInteger(jumps) || jumps < 0)
    throw new RangeError(`jumps must be a safe integer >= 0, got ${jumps}`);
  if (jumps <= DIRECT_JUMPS) {
    // a few jumps directly: cheaper than building the matrices (issue 18: a 10-chunk run's streams, 55 jumps in all,
    // took 3-10 ms of a cold process through the matrices, which 128 jumps and their squarings build first; 1-4 ms so).
    // Chunks ask for their streams in order (1, 2, 3, ... jumps from one seed's state): from the last answer when it
    // is on the way, one jump per chunk (10 for a 10-chunk run, not 55)
    const last = lastDirect;
    const fromLast =
      last !== null &&
      last.jumps <= jumps &&
      last.from[0] === state[0] &&
      last.from[1] === state[1] &&
      last.from[2] === state[2] &&
      last.from[3] === state[3];
    const start = fromLast ? last.to : state;
    const g = xoroshiro128plusFromState([start[0], start[1], start[2], start[3]]);
    for (let k = fromLast ? last.jumps : 0; k < jumps; k++) g.jump();
    const to = g.getState() as [number, number, number, number];
    lastDirect = { from: [state[0], state[1], state[2], state[3]], jumps, to: [to[0], to[1], to[2], to[3]] };
    return to;
  }
  let s: [number, number, number, number] = [state[0], state[1], state[2], state[3]];
  let rest = jumps;
  for (let j = 0; rest > 0; j++) {
    if (rest % 2 === 1) s = apply(power(j), s);
    rest = Math.floor(rest / 2);
  }
  return s;
}
