const t0 = process.hrtime.bigint();
const m = await import('../../src/scenario/schema.js');
const t1 = process.hrtime.bigint();
console.log(((Number(t1 - t0)) / 1e6).toFixed(2), Object.keys(m).length);
