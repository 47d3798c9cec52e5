const t0 = process.hrtime.bigint();
const m = await import('zod/mini');
const f = await import('../../src/scenario/fields.js');
const t1 = process.hrtime.bigint();
console.log('zod+fields', ((Number(t1 - t0)) / 1e6).toFixed(2), Object.keys(m).length + Object.keys(f).length);
