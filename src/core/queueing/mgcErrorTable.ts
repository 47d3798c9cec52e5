/**
 * The measured error table of the M/G/c approximations (see approximationError.ts): mgcErrorTable.json, generated from
 * the simulations of test/fixtures/accuracy/mgc.json by `UPDATE_TABLE=1 npx vitest run test/accuracy/mgcTable.test.ts`
 * (which, without UPDATE_TABLE, checks that the JSON is what the fixture and the current model give). Data only.
 */
import type { MgcErrorTable } from './approximationError.js';
import data from './mgcErrorTable.json' with { type: 'json' };

/** The JSON's arrays are the table's tuples (mgcTable.test.ts checks its shape against the grid). */
export const MGC_ERROR_TABLE = data as unknown as MgcErrorTable;
