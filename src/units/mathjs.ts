/**
 * The project's only mathjs import: a private, lean mathjs instance that can parse an expression into a syntax tree
 * and knows mathjs's table of units. Nothing here evaluates user text; `src/units/parse.ts` walks the tree itself.
 *
 * Why it is built this way (measured on the project's 2-core machine; test/units/bundle.test.ts guards the result):
 * - `import * as math from 'mathjs'` builds every function eagerly: 2+ s.
 * - `create({ parseDependencies, UnitDependencies, createUnitDependencies })` still bundles ~700 kB (the Unit class
 *   depends on the generic `pow`, which depends on matrix inversion, SparseMatrix, ...) and spends ~90 ms building
 *   typed-functions for matrices, BigNumber and Complex that we never use: ~180 ms to import.
 * - So this instance is created from the individual factories we need (the parser, its node classes, the Unit class,
 *   `createUnit`), and the scalar arithmetic the Unit class is built on (`addScalar`, `multiplyScalar`, `pow`, ...) is
 *   supplied as plain JavaScript number functions through mathjs's own `factory()`: with `config.number = 'number'`
 *   every value in this instance is a JavaScript number, so the generic typed versions buy nothing.
 *   Node classes that the parser must be able to construct but that we refuse (AccessorNode, IndexNode, ...) depend
 *   on `subset` and `size` only for evaluation, which never happens here; those two are stubs that throw.
 *
 * esbuild tree-shakes the named imports (mathjs declares `"sideEffects": false`), so only these factories and their
 * helpers end up in the bundle.
 */
import {
  create,
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBigNumberClass,
  createBlockNode,
  createComplexClass,
  createConditionalNode,
  createConstantNode,
  createCreateUnit,
  createFractionClass,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createNode,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createParse,
  createRangeNode,
  createRelationalNode,
  createResultSet,
  createSymbolNode,
  createTyped,
  createUnitClass,
  type FactoryFunction,
  factory,
  type MathNode,
  type Unit,
  type UnitCtor,
} from 'mathjs';

// mathjs exports its factory functions at run time (lib/esm/factoriesAny.js, re-exported by the package entry) but its
// type declarations only list the *Dependencies maps, which drag in every transitive dependency. Declare the few
// factories used here.
declare module 'mathjs' {
  export const createAccessorNode: FactoryFunction<unknown>;
  export const createArrayNode: FactoryFunction<unknown>;
  export const createAssignmentNode: FactoryFunction<unknown>;
  export const createBigNumberClass: FactoryFunction<unknown>;
  export const createBlockNode: FactoryFunction<unknown>;
  export const createComplexClass: FactoryFunction<unknown>;
  export const createConditionalNode: FactoryFunction<unknown>;
  export const createConstantNode: FactoryFunction<unknown>;
  export const createCreateUnit: FactoryFunction<unknown>;
  export const createFractionClass: FactoryFunction<unknown>;
  export const createFunctionAssignmentNode: FactoryFunction<unknown>;
  export const createFunctionNode: FactoryFunction<unknown>;
  export const createIndexNode: FactoryFunction<unknown>;
  export const createNode: FactoryFunction<unknown>;
  export const createObjectNode: FactoryFunction<unknown>;
  export const createOperatorNode: FactoryFunction<unknown>;
  export const createParenthesisNode: FactoryFunction<unknown>;
  export const createParse: FactoryFunction<unknown>;
  export const createRangeNode: FactoryFunction<unknown>;
  export const createRelationalNode: FactoryFunction<unknown>;
  export const createResultSet: FactoryFunction<unknown>;
  export const createSymbolNode: FactoryFunction<unknown>;
  export const createTyped: FactoryFunction<unknown>;
  export const createUnitClass: FactoryFunction<unknown>;
}

export type { MathNode, Unit, UnitCtor };

/** Plain-number replacement for one of mathjs's scalar functions (every value in this instance is a number). */
function numberFactory<F>(name: string, fn: F): FactoryFunction<F> {
  return factory(name, [], () => fn);
}

function notAvailable(name: string): FactoryFunction<() => never> {
  return numberFactory(name, () => {
    throw new Error(`capplan's mathjs instance does not provide ${name}()`);
  });
}

/**
 * mathjs's `number(x)` for what this instance meets: numbers, number literals as text (decimal, exponent, 0x/0o/0b;
 * the parser hands it the literal's text) and the Fraction factors of a few built-in units.
 */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = Number(value);
    if (Number.isNaN(n) && value !== 'NaN') throw new SyntaxError(`"${value}" is not a valid number`);
    return n;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  // a few built-in units (degF, degR, fahrenheit, rankine) carry their factor 5/9 as a Fraction
  if (typeof value === 'object' && value !== null && (value as { isFraction?: boolean }).isFraction === true) {
    return Number(value.valueOf());
  }
  throw new TypeError(`cannot convert ${typeof value} to a number`);
}

/** Relative comparison as mathjs's `equal` does for numbers (relTol 1e-12). */
function nearlyEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

const instance = create(
  {
    createTyped,
    createComplexClass,
    createBigNumberClass,
    createFractionClass,
    createResultSet,
    createNode,
    createAccessorNode,
    createArrayNode,
    createAssignmentNode,
    createBlockNode,
    createConditionalNode,
    createConstantNode,
    createFunctionAssignmentNode,
    createFunctionNode,
    createIndexNode,
    createObjectNode,
    createOperatorNode,
    createParenthesisNode,
    createRangeNode,
    createRelationalNode,
    createSymbolNode,
    createParse,
    createUnitClass,
    createCreateUnit,
    // scalar arithmetic on JavaScript numbers, used by the Unit class
    addScalar: numberFactory('addScalar', (a: number, b: number) => a + b),
    subtractScalar: numberFactory('subtractScalar', (a: number, b: number) => a - b),
    multiplyScalar: numberFactory('multiplyScalar', (a: number, b: number) => a * b),
    divideScalar: numberFactory('divideScalar', (a: number, b: number) => a / b),
    pow: numberFactory('pow', (a: number, b: number) => a ** b),
    abs: numberFactory('abs', (a: number) => Math.abs(a)),
    fix: numberFactory('fix', (a: number) => Math.trunc(a)),
    round: numberFactory('round', (a: number, n = 0) => {
      const scale = 10 ** n;
      return Math.round(a * scale) / scale;
    }),
    equal: numberFactory('equal', nearlyEqual),
    isNumeric: numberFactory('isNumeric', (a: unknown) => typeof a === 'number'),
    isBounded: numberFactory('isBounded', (a: unknown) => typeof a === 'number' && Number.isFinite(a)),
    format: numberFactory('format', (a: unknown) => String(a)),
    number: numberFactory('number', toNumber),
    numeric: numberFactory('numeric', (value: unknown) => toNumber(value)),
    // only used to evaluate AccessorNode / IndexNode / AssignmentNode, which capplan refuses
    subset: notAvailable('subset'),
    size: notAvailable('size'),
  },
  { number: 'number', predictable: false },
);

/** The Unit class of this private instance (units created here never leak into other mathjs instances). */
export const UnitClass: UnitCtor = instance.Unit;

/**
 * Money: `USD` is a new base dimension (so that "USD/month" divides out exactly and "5 kg" is never money), with the
 * alias `usd`. `d` is added as an alias of mathjs's `day` (mathjs has `day`/`days` but not `d`).
 */
instance.createUnit('USD', { aliases: ['usd'] });
instance.createUnit('d', { definition: '1 day' });

/** Parses text into a mathjs syntax tree. Does not evaluate anything. Throws mathjs's SyntaxError on bad syntax. */
export function parseExpression(text: string): MathNode {
  return instance.parse(text);
}

/** True when `name` is a unit this instance knows, with or without prefix (`ms`, `GiB`, `USD`, `month`). */
export function isUnitName(name: string): boolean {
  return UnitClass.isValuelessUnit(name);
}

/** A Unit with value 1 of the named unit, e.g. `unitOf('min')` is 60 s. Check `isUnitName` first. */
export function unitOf(name: string): Unit {
  return new UnitClass(1, name);
}
