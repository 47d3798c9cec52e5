// The message of the input error a call throws, for tests of what the user is told.
import { InputError, InputErrors } from '../../src/errors.js';

/** The InputError message of a call, one line per problem (fails the test when it throws anything else, or nothing). */
export function inputError(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    if (error instanceof InputErrors) return error.errors.map((e) => e.message).join('\n');
    throw error;
  }
  throw new Error('expected an InputError');
}
