import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

describe('capplan schema', () => {
  it('prints the scenario JSON Schema, pretty-printed, by default and for "scenario"', async () => {
    const r = await cli(['schema']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://capplan.dev/schema/scenario.json');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['workload', 'targets', 'users']));
    expect(r.stdout).toMatch(/^\{\n {2}"\$schema"/);
    expect((await cli(['schema', 'scenario'])).stdout).toBe(r.stdout);
  });

  it('prints the result schema for "result"', async () => {
    const r = await cli(['schema', 'result']);
    expect(r.code, r.stderr).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://capplan.dev/schema/result.json');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['scenario', 'architectures']));
  });

  it('refuses an unknown topic with one line and exit 2', async () => {
    const r = await cli(['schema', 'results']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: TOPIC: "results": expected scenario or result (usage: capplan schema [scenario|result])\n',
    );
  });

  it('is listed in the help', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/\n {2}schema\s+print the JSON Schema/);
  });
});
