// npm run bench: speed is measured here, never in timed unit tests.
// Start-up: whole-process wall time of the quick calculators against `node -e 0` (median of repeated runs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

/**
 * The results file the README quotes (bench/results.md): one section per part of the bench, each with the date, the
 * machine and the load it ran on, and what it printed (tables as Markdown tables). A run replaces the sections it ran
 * and keeps the others (BENCH_ONLY runs a few). BENCH_RESULTS=path writes elsewhere; BENCH_RESULTS=0 writes nothing.
 */
const RESULTS = process.env.BENCH_RESULTS ?? new URL('results.md', import.meta.url).pathname;
/** Section name -> its Markdown lines (what this run printed in it). */
const printed = new Map();
let current = null;
const machine = () => {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${load} at the start`;
};
/** Starts a section of the results (the `if (want(...) && section(...))` of each part): always true. */
function section(name) {
  current = name;
  if (!printed.has(name)) printed.set(name, [`## ${name}`, '', `Run: ${machine()}.`, '']);
  return true;
}
/** Whether a tool a section needs is there; when not, the section says it is skipped (never silently). */
function needs(path) {
  if (existsSync(path)) return true;
  console.log(`SKIPPED: ${path} not found (this part of the bench needs it)`);
  return false;
}
const cell = (v) => String(v ?? '').replace(/\|/g, '\\|');
const consoleLog = console.log.bind(console);
const consoleTable = console.table.bind(console);
console.log = (...xs) => {
  consoleLog(...xs);
  if (current !== null) printed.get(current)?.push(xs.join(' '), '');
};
console.table = (rows) => {
  // console.table prints through console.log: not captured twice (the Markdown table below stands for it)
  const at = current;
  current = null;
  consoleTable(rows);
  current = at;
  if (current === null || rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  printed
    .get(current)
    ?.push(
      `| ${keys.map(cell).join(' | ')} |`,
      `| ${keys.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${keys.map((k) => cell(r[k])).join(' | ')} |`),
      '',
    );
};
process.on('exit', (code) => {
  // a section cut short by a failure does not replace the last whole run of it
  if (code !== 0) printed.delete(current);
  if (RESULTS === '0' || printed.size === 0) return;
  // the sections of the file this run did not run, kept as they were
  const kept = new Map();
  if (existsSync(RESULTS)) {
    for (const part of readFileSync(RESULTS, 'utf8')
      .split(/^(?=## )/m)
      .slice(1)) {
      const name = /^## (\S+)/.exec(part)?.[1];
      if (name !== undefined) kept.set(name, part.trimEnd());
    }
  }
  for (const [name, lines] of printed) kept.set(name, lines.join('\n').trimEnd());
  const order = SECTIONS.filter((x) => kept.has(x));
  writeFileSync(
    RESULTS,
    `# capplan benchmark results\n\nWritten by \`npm run bench\` (bench/run.mjs): each section as its last run printed it, with the date, the machine and its load. Ratios come from paired runs (each command alternated with its baseline), so the load hits both alike; absolute times move with the load.\n\n${order.map((x) => kept.get(x)).join('\n\n')}\n`,
  );
});
/** The parts of the bench, in the order they run (and appear in bench/results.md). */
const SECTIONS = [
  'startup',
  'run',
  'tiers',
  'sim',
  'search',
  'users',
  'worksheet',
  'dispatch',
  'extreme',
  'avail',
  'jsonl',
  'limits',
  'tui',
];
/** BENCH_ONLY=tiers,search runs only those sections (SECTIONS); all by default. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
const want = (section) => ONLY === undefined || ONLY.includes(section);
/** Scratch files of the benchmark (the C reference build, generated scenarios), removed when it ends. */
const scratch = mkdtempSync(join(tmpdir(), 'capplan-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** A measured command must have succeeded: its figures are meaningless otherwise. */
function checked(r, what) {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr}`);
  return r;
}
const bin = new URL('../bin/capplan.js', import.meta.url).pathname;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The median of RUNS runs' wall times, ms (time1). */
function time(args, exe = process.execPath) {
  return median(Array.from({ length: RUNS }, () => time1(args, exe)));
}

/**
 * Two commands timed alternately (A, B, A, B, ...), so that a change of machine load hits both alike: the median of
 * each and the median of the per-pair ratios A/B.
 */
function paired(argsA, argsB, exeA = process.execPath, exeB = process.execPath) {
  return alternated(
    () => time1(argsA, exeA),
    () => time1(argsB, exeB),
    RUNS,
  );
}

/**
 * Two measurements taken alternately `runs` times (A, B, A, B, ...): the median and the minimum of each, and the
 * median of the pairs' ratios A/B (paired and pairedCpu).
 */
function alternated(measureA, measureB, runs) {
  const a = [];
  const b = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const ta = measureA();
    const tb = measureB();
    a.push(ta);
    b.push(tb);
    ratios.push(ta / tb);
  }
  return { a: median(a), b: median(b), ratio: median(ratios), minA: Math.min(...a), minB: Math.min(...b) };
}

/** One run's wall time, ms; a command that fails is an error (its figures would be meaningless). */
function time1(args, exe) {
  const t0 = performance.now();
  const r = spawnSync(exe, args, { encoding: 'utf8' });
  const t1 = performance.now();
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t1 - t0;
}

/**
 * One run's CPU time (user + system), seconds, through /usr/bin/time: less disturbed than wall time by other work on
 * a loaded machine. `shell` is a bash command line (stdout discarded by the caller's redirection).
 */
function cpu1(shell) {
  const r = spawnSync('bash', ['-c', `/usr/bin/time -f 'CPU %U %S' bash -c '${shell.replace(/'/g, "'\\''")}'`], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${shell} exited ${r.status}: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (m === null) throw new Error(`no CPU time from /usr/bin/time: ${r.stderr}`);
  return Number(m[1]) + Number(m[2]);
}

/** Two shell commands' CPU times alternated `runs` times: the median of each and of the pairs' ratios A/B. */
function pairedCpu(shellA, shellB, runs = RUNS) {
  return alternated(
    () => cpu1(shellA),
    () => cpu1(shellB),
    runs,
  );
}

const q = (x) => `"${x}"`;
const node = q(process.execPath);
if (want('startup') && section('startup')) {
  console.log(
    `start-up, ${RUNS} runs each alternated with node -e 0 (medians and minima, ms; ratioToNode: median of the pairs' ratios; target: at or below 1.3x, issue 18)`,
  );
  const cases = [
    ['--help', ['--help']],
    ['nines 99.95%', ['nines', '99.95%', '--json']],
    ['queue M/M/8', ['queue', '--servers', '8', '--rate', '1280/s', '--service', '5 ms', '--json']],
    [
      'queue M/G/64 cv 1.5',
      ['queue', '--servers', '64', '--rate', '10000/s', '--service', '5 ms', '--cv', '1.5', '--json'],
    ],
    ['queue M/M/10000', ['queue', '--servers', '10000', '--rate', '1999000/s', '--service', '5 ms', '--json']],
    [
      'availability 16 nodes/3 zones/2 regions',
      [
        'availability',
        '--nodes',
        '16',
        '--need',
        '12',
        '--mtbf',
        '4380h',
        '--mttr',
        '2h',
        '--zones',
        '3',
        '--zone-mtbf',
        '8766h',
        '--zone-mttr',
        '4h',
        '--regions',
        '2',
        '--region-mtbf',
        '26298h',
        '--region-mttr',
        '8h',
        '--json',
      ],
    ],
    ['rtt', ['rtt', 'ap-northeast-1', 'us-east-1', '--json']],
  ];
  const rows = [];
  for (const [name, args] of cases) {
    // each command alternated with its own node -e 0 (issue 18: a baseline timed once drifts with the load)
    const p = paired([bin, ...args], ['-e', '0']);
    rows.push({
      command: `capplan ${name}`,
      ms: Number(p.a.toFixed(1)),
      minMs: Number(p.minA.toFixed(1)),
      nodeMs: Number(p.b.toFixed(1)),
      nodeMinMs: Number(p.minB.toFixed(1)),
      ratioToNode: Number(p.ratio.toFixed(2)),
    });
  }
  console.table(rows);
}

// capplan run on every example scenario: whole process, analytic (the issue's bar: well under a second)
const scenarios = new URL('../models/scenarios/', import.meta.url).pathname;
if (want('run') && section('run')) {
  const runRows = [];
  for (const f of readdirSync(scenarios)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    // alternated with node -e 0 (a baseline timed once drifts with the load)
    const p = paired([bin, 'run', scenarios + f, '--analytic'], ['-e', '0']);
    const simulated = time([bin, 'run', scenarios + f]);
    runRows.push({
      scenario: f,
      analyticMs: Number(p.a.toFixed(1)),
      analyticMinMs: Number(p.minA.toFixed(1)),
      nodeMs: Number(p.b.toFixed(1)),
      ratioToNode: Number(p.ratio.toFixed(2)),
      withSimulationBlockMs: Number(simulated.toFixed(1)),
    });
  }
  console.log(
    `capplan run FILE, whole process (ms): --analytic alternated ${RUNS} times with node -e 0 (medians, the minimum, and the median of the pairs' ratios; target: at or below 2x, issue 18), and with the scenario's simulation block (if any; median of ${RUNS} runs)`,
  );
  console.table(runRows);
}

// Systems of tiers (issue 13): each single-tier example against the same scenario written as one stateless tier with
// its candidates as per-tier designs (paired in this run; target: the tiered run under 2x), and the tiered examples
// searched with their candidates removed (best vertical, best horizontal and best mixed; target: under 2 s).
if (want('tiers') && section('tiers')) {
  const tierRows = [];
  for (const f of readdirSync(scenarios)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const s = JSON.parse(readFileSync(scenarios + f, 'utf8'));
    if (s.tiers !== undefined) {
      delete s.architectures;
      delete s.simulation;
      const file = join(scratch, `searched-${f}`);
      writeFileSync(file, JSON.stringify(s));
      const searched = time([bin, 'run', file, '--analytic']);
      tierRows.push({
        scenario: `${f} searched (${s.tiers.length} tiers)`,
        ms: Number(searched.toFixed(1)),
        ratio: '-',
      });
      continue;
    }
    if (!Array.isArray(s.architectures) || (s.workload.fanout ?? 1) !== 1) continue;
    const { serviceTime, serviceTimeCv, ...workload } = s.workload;
    const tiered = {
      ...s,
      workload,
      tiers: [
        { name: 'app', role: 'stateless', serviceTime, ...(serviceTimeCv === undefined ? {} : { serviceTimeCv }) },
      ],
      architectures: s.architectures.map(({ name, ...design }) => ({ name, tiers: { app: design } })),
    };
    delete tiered.simulation;
    delete s.simulation;
    const a = join(scratch, `single-${f}`);
    const b = join(scratch, `tiered-${f}`);
    writeFileSync(a, JSON.stringify(s));
    writeFileSync(b, JSON.stringify(tiered));
    // paired: one run of each, alternating, the median of the ratios
    const p = paired([bin, 'run', b, '--analytic'], [bin, 'run', a, '--analytic']);
    tierRows.push({ scenario: `${f} as one tier`, ms: Number(p.a.toFixed(1)), ratio: Number(p.ratio.toFixed(2)) });
  }
  console.log(
    'systems of tiers, whole process, --analytic (ms; ratio = as one tier / the single-tier scenario, paired)',
  );
  console.table(tierRows);
}

// Simulator against the C reference (../shared/bench/mmc_ref.c) on the same workload, in the same run:
// M/M/8 at 80% load (1280/s, 5 ms), 1,000,000 customers, whole-process wall time.

if (want('sim') && section('sim')) {
  const refSource = new URL('../../shared/bench/mmc_ref.c', import.meta.url).pathname;
  const queueArgs = ['queue', '--servers', '8', '--rate', '1280/s', '--service', '5ms', '--json'];
  const simRows = [];
  const noSim = time([bin, ...queueArgs]);
  const sim1m = time([bin, ...queueArgs, '--simulate', '1000000', '--seed', '3']);
  simRows.push({ what: 'capplan queue M/M/8, no simulation', ms: Number(noSim.toFixed(1)) });
  simRows.push({ what: 'capplan queue M/M/8 --simulate 1000000', ms: Number(sim1m.toFixed(1)) });
  let cMs = null;
  if (!existsSync(refSource))
    console.log(
      `SKIPPED: the C reference ${refSource} is not there (../shared/bench/ beside the project): no comparison with it in this run`,
    );
  else {
    const exe = join(scratch, 'mmc_ref');
    const cc = spawnSync('gcc', ['-O2', '-o', exe, refSource, '-lm'], { encoding: 'utf8' });
    if (cc.status === 0) {
      cMs = time(['8', '1280', '200', '1000000', '3'], exe);
      simRows.push({ what: 'C reference mmc_ref (gcc -O2), 1,000,000 customers', ms: Number(cMs.toFixed(1)) });
    } else console.log(`SKIPPED: the C reference did not compile (gcc): ${cc.stderr}`);
  }
  console.log(`simulator, median of ${RUNS} runs (whole process, ms)`);
  console.table(simRows);
  const perS = 1_000_000 / ((sim1m - noSim) / 1000);
  console.log(
    `simulated customers per second (1M run minus the same command without --simulate): ${(perS / 1e6).toFixed(1)} million/s`,
  );
  if (cMs !== null) {
    const p = paired(
      [bin, ...queueArgs, '--simulate', '1000000', '--seed', '3'],
      ['8', '1280', '200', '1000000', '3'],
      process.execPath,
      join(scratch, 'mmc_ref'),
    );
    console.log(
      `capplan / C reference, whole process, ${RUNS} alternating pairs: median ratio ${p.ratio.toFixed(2)}x (capplan ${p.a.toFixed(1)} ms, C ${p.b.toFixed(1)} ms; target: at or below 1x, issue 18; within 1.3x, issue 14)`,
    );
  }
  if (needs('/usr/bin/time')) {
    const r = checked(
      spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, bin, ...queueArgs, '--simulate', '10000000'], {
        encoding: 'utf8',
      }),
      '10,000,000 customers',
    );
    const [kb, s] = r.stderr.trim().split('\n').pop().split(' ');
    console.log(
      `10,000,000 customers: ${(Number(kb) / 1024).toFixed(0)} MB peak resident memory, ${s} s (target: under 200 MB)`,
    );
  }
}

// The search (issue 11): every example scenario with its candidates removed (the whole catalog searched), and users
// at coordinates (30, 200, 2,000 and 12,000 places around 15 cities). One run each (seconds, not milliseconds), whole
// process, with peak resident memory.
if (want('search') && section('search')) {
  const rows = [];
  const searched = (name, scenario) => {
    delete scenario.architectures;
    delete scenario.simulation;
    const file = join(scratch, `search-${name}`);
    writeFileSync(file, JSON.stringify(scenario));
    const r = checked(
      // the result of thousands of users is megabytes: not read (spawnSync's buffer would cut it)
      spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, bin, 'run', file, '--analytic'], {
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
      `search ${name}`,
    );
    const [kb, sec] = r.stderr.trim().split('\n').pop().split(' ');
    rows.push(`${name.replace(/\.json$/, '')} ${Number(sec).toFixed(2)} s ${(Number(kb) / 1024).toFixed(0)} MB`);
  };
  for (const f of readdirSync(scenarios)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    searched(f, JSON.parse(readFileSync(`${scenarios}${f}`, 'utf8')));
  }
  // places around 15 cities (a fixed pseudo-random spread of +-3 degrees)
  let seed = 1;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const cities = [
    [40.7, -74],
    [34, -118],
    [51.5, 0],
    [48.8, 2.3],
    [35.7, 139.7],
    [-33.9, 151.2],
    [-23.5, -46.6],
    [19, 72.8],
    [1.3, 103.8],
    [52.5, 13.4],
    [6.5, 3.4],
    [30, 31],
    [55.7, 37.6],
    [-26.2, 28],
    [37.5, 127],
  ];
  // targets: 30 user places under 3 s, 2,000 under 5 s, 12,000 under 30 s
  for (const n of [30, 200, 2000, 12000]) {
    const users = Array.from({ length: n }, (_, i) => {
      const [lat, lon] = cities[i % cities.length];
      return {
        region: `place${i}`,
        lat: +(lat + (rnd() - 0.5) * 6).toFixed(3),
        lon: +(lon + (rnd() - 0.5) * 6).toFixed(3),
        share: 1,
      };
    });
    // shares as percentages that add to 100 (the last takes the rounding)
    const each = Math.floor((100 / n) * 1e8) / 1e8;
    users.forEach((u, i) => {
      u.share = `${i === n - 1 ? (100 - each * (n - 1)).toFixed(8) : each.toFixed(8)}%`;
    });
    searched(`${n} located users`, {
      name: `${n} located users`,
      workload: { peakRate: '5000/s', serviceTime: '4 ms', workingSet: '30 GiB', writeFraction: 0.1 },
      targets: { p99: '150 ms', availability: '99.9%' },
      users,
    });
  }
  console.log(
    `search, whole process, one run each (targets: examples under 1 s; 30 places under 3 s, 2,000 under 5 s, 12,000 under 30 s): ${rows.join('; ')}`,
  );
}

// The catalog search across user regions (issue 18: at 15 user regions under 1 s and growing about linearly): an
// example with its candidates removed and its users replaced by the first N of a fixed list of catalog regions (equal
// shares), N = 1, 4, 8, 15; each N alternated with N = 1 (CPU time, medians; ratio: median of the pairs' N / 1).
// online-game-3-continents (a 50 ms p99) has no design meeting every target beyond a few user regions: the search
// then screens thousands of designs for the closest miss.
if (want('users') && section('users') && needs('/usr/bin/time')) {
  const order = [
    'us-east-1',
    'eu-west-1',
    'ap-southeast-1',
    'us-west-2',
    'sa-east-1',
    'eu-central-1',
    'ap-south-1',
    'ap-northeast-1',
    'ap-southeast-2',
    'af-south-1',
    'us-east-2',
    'us-west-1',
    'eu-west-2',
    'eu-north-1',
    'ap-northeast-2',
  ];
  const runs = Math.min(RUNS, Number(process.env.BENCH_USER_RUNS ?? 3));
  const rows = [];
  for (const base of ['internal-tool', 'global-video', 'online-game-3-continents']) {
    const s = JSON.parse(readFileSync(`${scenarios}${base}.json`, 'utf8'));
    delete s.architectures;
    delete s.simulation;
    const fileOf = (n) => {
      const each = Math.floor(10000 / n) / 100;
      s.users = order
        .slice(0, n)
        .map((region, i) => ({ region, share: `${(i === n - 1 ? 100 - each * (n - 1) : each).toFixed(2)}%` }));
      const file = join(scratch, `users-${base}-${n}.json`);
      writeFileSync(file, JSON.stringify(s));
      return file;
    };
    const one = fileOf(1);
    for (const n of [1, 4, 8, 15]) {
      const file = fileOf(n);
      const p = pairedCpu(
        `${node} ${q(bin)} run ${q(file)} --analytic > /dev/null`,
        `${node} ${q(bin)} run ${q(one)} --analytic > /dev/null`,
        runs,
      );
      rows.push({
        scenario: base,
        userRegions: n,
        cpuS: Number(p.a.toFixed(2)),
        ratioToOneRegion: Number(p.ratio.toFixed(2)),
      });
    }
  }
  console.log(
    `catalog search across user regions, whole process, --analytic, CPU seconds (median of ${runs} pairs, each alternated with the same example at 1 user region)`,
  );
  console.table(rows);
}

// The global-video worksheet (issue 18: under 1.5 s), alternated with the same scenario's run --analytic (CPU time).
if (want('worksheet') && section('worksheet') && needs('/usr/bin/time')) {
  const file = `${scenarios}global-video.json`;
  const p = pairedCpu(
    `${node} ${q(bin)} worksheet ${q(file)} > /dev/null`,
    `${node} ${q(bin)} run ${q(file)} --analytic > /dev/null`,
  );
  console.log(
    `worksheet global-video: ${p.a.toFixed(2)} s CPU (target: under 1.5 s); run --analytic of it ${p.b.toFixed(2)} s; worksheet / run ${p.ratio.toFixed(2)}x (median of ${RUNS} alternating pairs)`,
  );
}

// Scenario simulation dispatch (issue 18: least-loaded under 250 ns per customer at 100 nodes): one horizontal
// candidate of 100 m7i.large nodes in one region, 1,000,000 simulated requests, least-loaded alternated with the same
// scenario balanced at random (CPU time of the whole process, every worker thread included); the difference per
// customer is what least-loaded's pick costs above a random draw.
if (want('dispatch') && section('dispatch') && needs('/usr/bin/time')) {
  const base = JSON.parse(readFileSync(`${scenarios}internal-tool.json`, 'utf8'));
  const fileOf = (balancer) => {
    const s = {
      ...base,
      workload: { ...base.workload, peakRate: '4000/s' },
      architectures: [
        {
          name: `100 nodes, ${balancer}`,
          kind: 'horizontal',
          family: 'm7i',
          size: 'large',
          nodes: 100,
          spares: 0,
          zones: 3,
          regions: ['eu-central-1'],
          balancer,
        },
      ],
      simulation: { seed: 5, requests: 1000000 },
    };
    const file = join(scratch, `dispatch-${balancer}.json`);
    writeFileSync(file, JSON.stringify(s));
    return file;
  };
  const runs = Math.min(RUNS, Number(process.env.BENCH_DISPATCH_RUNS ?? 7));
  const p = pairedCpu(
    `${node} ${q(bin)} run ${q(fileOf('least-loaded'))} --threads 1 > /dev/null`,
    `${node} ${q(bin)} run ${q(fileOf('random'))} --threads 1 > /dev/null`,
    runs,
  );
  console.log(
    `scenario simulation, 100 nodes, 1,000,000 requests, --threads 1: least-loaded ${p.a.toFixed(2)} s CPU, random ${p.b.toFixed(2)} s, least-loaded / random ${p.ratio.toFixed(2)}x; least-loaded's pick ${(((p.a - p.b) / 1e6) * 1e9).toFixed(0)} ns per customer above a random draw (median of ${runs} alternating pairs)`,
  );
}

// Extreme loads: the catalog search at 5 million requests per second (the photo-sharing example, its candidates
// removed so every family, size and region count is searched), and one M/M/c queue of a million servers (the CLI's limit) at 99.99%.
if (want('extreme') && section('extreme')) {
  const photo = JSON.parse(readFileSync(`${scenarios}photo-sharing-viral.json`, 'utf8'));
  photo.workload.peakRate = '5000000/s';
  delete photo.architectures;
  delete photo.simulation;
  const file = join(scratch, 'extreme.json');
  writeFileSync(file, JSON.stringify(photo));
  const search = time([bin, 'run', file, '--analytic']);
  const queue = time([bin, 'queue', '--servers', '1000000', '--rate', '999900/s', '--service', '1s', '--json']);
  console.log(
    `extreme loads (whole process, ms): catalog search at 5M req/s ${search.toFixed(0)}; M/M/c with 1M servers at rho 0.9999 ${queue.toFixed(0)}`,
  );
}

// Failure/repair simulation: 16 nodes over 3 zones, 10,000 simulated years (target: under half a second)
if (want('avail') && section('avail')) {
  const availArgs = [
    'availability',
    '--nodes',
    '16',
    '--need',
    '14',
    '--mtbf',
    '4380h',
    '--mttr',
    '2h',
    '--zones',
    '3',
    '--zone-mtbf',
    '8766h',
    '--zone-mttr',
    '4h',
    '--json',
  ];
  const availBase = time([bin, ...availArgs]);
  const availSim = time([bin, ...availArgs, '--simulate-years', '10000']);
  console.log(
    `availability, 16 nodes over 3 zones: ${availBase.toFixed(1)} ms exact; ${availSim.toFixed(1)} ms with 10,000 simulated years (whole process; the simulation alone ${(availSim - availBase).toFixed(1)} ms)`,
  );
}

// Batch stream: capplan run - --jsonl, scenarios per second and peak memory (10,000 lines of the internal-tool
// example; the issue's bar is 100,000 lines in under 300 MB, which memory does not depend on: see test/cli/jsonl)
if (want('jsonl') && section('jsonl')) {
  const line = JSON.stringify(
    JSON.parse(readFileSync(new URL('../models/scenarios/internal-tool.json', import.meta.url), 'utf8')),
  );
  const file = join(scratch, 'in.jsonl');
  writeFileSync(file, `${Array.from({ length: 10_000 }, () => line).join('\n')}\n`);
  const t0 = performance.now();
  const r = checked(
    existsSync('/usr/bin/time')
      ? spawnSync(
          'bash',
          ['-c', `/usr/bin/time -f %M "${process.execPath}" "${bin}" run - --jsonl < "${file}" > /dev/null`],
          { encoding: 'utf8' },
        )
      : spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" run - --jsonl < "${file}" > /dev/null`], {
          encoding: 'utf8',
        }),
    'run - --jsonl',
  );
  const s = (performance.now() - t0) / 1000;
  const kb = Number(r.stderr.trim().split('\n').pop());
  console.log(
    `run - --jsonl: 10,000 scenarios in ${s.toFixed(2)} s = ${(10_000 / s).toFixed(0)} scenarios/s${Number.isFinite(kb) ? `, ${(kb / 1024).toFixed(0)} MB peak` : ', peak memory not measured (SKIPPED: /usr/bin/time not found)'}`,
  );
}

// Batch stream, CPU time (issue 18: at least 3,000 small scenarios a second): 3,000 lines of the internal-tool example,
// the peak rate varied on each line (40/s to 139.9/s: no two lines' queues alike, so no memo answers a line from the
// one before), alternated with one `run` of the example (start-up and one scenario); lines per CPU second net of it.
if (want('jsonl') && section('jsonl') && needs('/usr/bin/time')) {
  const s = JSON.parse(readFileSync(`${scenarios}internal-tool.json`, 'utf8'));
  const lines = [];
  for (let i = 0; i < 3000; i++) {
    s.workload.peakRate = `${40 + (i % 1000) / 10}/s`;
    lines.push(JSON.stringify(s));
  }
  const file = join(scratch, 'varied.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const runs = Math.min(RUNS, Number(process.env.BENCH_JSONL_RUNS ?? 5));
  const p = pairedCpu(
    `${node} ${q(bin)} run - --jsonl < ${q(file)} > /dev/null`,
    `${node} ${q(bin)} run ${q(`${scenarios}internal-tool.json`)} --analytic > /dev/null`,
    runs,
  );
  console.log(
    `run - --jsonl, 3,000 varied internal-tool lines: ${p.a.toFixed(2)} s CPU, ${(3000 / p.a).toFixed(0)} lines per CPU second whole process, ${(3000 / (p.a - p.b)).toFixed(0)} net of one run's ${p.b.toFixed(2)} s (median of ${runs} alternating pairs; ratio to one run ${p.ratio.toFixed(1)}x; target: 3,000/s)`,
  );
}

// The calculators' batch mode (issue 18: 100,000 M/M/c evaluations with percentiles in under 5 s, whole process)
if (want('jsonl') && section('jsonl')) {
  const file = join(scratch, 'queues.jsonl');
  const lines = [];
  for (let i = 0; i < 100_000; i++) {
    const c = 1 + (i % 64);
    lines.push(JSON.stringify({ servers: c, rate: `${((c * 0.8) / 0.005).toFixed(3)}/s`, service: '5 ms' }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const t0 = performance.now();
  checked(
    spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" queue --jsonl < "${file}" > /dev/null`]),
    'queue --jsonl',
  );
  const s = (performance.now() - t0) / 1000;
  console.log(
    `queue --jsonl: 100,000 M/M/c queues (1 to 64 servers, rho 0.8) in ${s.toFixed(2)} s (target: under 5 s)`,
  );
}

// Endless and huge inputs (issue 17): `run /dev/zero`, an endless stdin and a 600 MB line in a JSONL stream are
// refused at the 1 MiB limit while reading; the bar is under 2 s and under 100 MB each (whole process, peak RSS).
if (want('limits') && section('limits') && needs('/usr/bin/time')) {
  const cases = [
    ['run /dev/zero', `"${process.execPath}" "${bin}" run /dev/zero`],
    ['yes | run -', `yes | "${process.execPath}" "${bin}" run -`],
    [
      'run - --jsonl, a 600 MB line then a scenario',
      `{ head -c 629145600 /dev/zero | tr '\\0' x; echo; cat "${new URL('../models/scenarios/internal-tool.json', import.meta.url).pathname}" | tr -d '\\n'; echo; } | "${process.execPath}" "${bin}" run - --jsonl | cut -c1-60`,
    ],
  ];
  const rows = [];
  for (const [what, command] of cases) {
    const t0 = performance.now();
    const r = spawnSync('bash', ['-c', `/usr/bin/time -f 'RSS %M' bash -c '${command.replace(/'/g, "'\\''")}'`], {
      encoding: 'utf8',
    });
    const s = (performance.now() - t0) / 1000;
    const kb = Number(/RSS (\d+)/.exec(r.stderr)?.[1]);
    rows.push({
      what,
      seconds: Number(s.toFixed(2)),
      peakMB: Math.round(kb / 1024),
      answer: (r.stdout + r.stderr).split('\n')[0].slice(0, 70),
    });
  }
  console.log('input limits (issue 17: each refused in under 2 s and under 100 MB)');
  console.table(rows);
}

// The interactive UI (issue 19) on a real pseudo-terminal (util-linux `script`, 80x24): start-up to the first painted
// frame (the title's "design rate"; the loading line before it too), and keystroke to redraw for an edit (Enter on the
// typed peak rate to the frame with the new design rate; median of alternating 5000/s and 4000/s edits), each paired in
// the same run with a bare node program on the same terminal (its first line; its echo of a key). Reported, not asserted.
if (want('tui') && section('tui') && needs('/usr/bin/script')) {
  const EDITS = Number(process.env.BENCH_TUI_EDITS ?? 10);
  /** A program on a pty: its output so far, a way to type, and a wait for text to appear after a given offset. */
  const onPty = (command) => {
    const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, NO_COLOR: '1', CI: '', TERM: 'xterm' },
    });
    const pty = { out: '', child, waiters: [] };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      pty.out += d;
      pty.waiters = pty.waiters.filter((w) => !w());
    });
    pty.type = (text) => child.stdin.write(text);
    pty.until = (text, from = 0, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms:\n${pty.out.slice(-2000)}`)), ms);
        const check = () => {
          if (!pty.out.includes(text, from)) return false;
          clearTimeout(timer);
          resolve(performance.now());
          return true;
        };
        if (!check()) pty.waiters.push(check);
      });
    pty.ended = new Promise((resolve) => child.on('exit', resolve));
    return pty;
  };
  const echo = `"${process.execPath}" -e "process.stdout.write('ready\\n');process.stdin.setRawMode(true);process.stdin.on('data',d=>{if(String(d)==='q')process.exit(0);process.stdout.write('got'+d)})"`;
  const tui = `"${process.execPath}" "${bin}"`;
  const first = { tui: [], loading: [], node: [] };
  const redraw = { tui: [], node: [] };
  for (let i = 0; i < Math.max(3, Math.round(RUNS / 3)); i++) {
    // the baseline: a bare node program's first line, and its echo of keys
    let t0 = performance.now();
    const n = onPty(echo);
    first.node.push((await n.until('ready')) - t0);
    for (let k = 0; k < EDITS; k++) {
      const from = n.out.length;
      t0 = performance.now();
      n.type('x');
      redraw.node.push((await n.until('gotx', from)) - t0);
    }
    n.type('q');
    await n.ended;
    // the UI: the loading line, the first frame, then edits of the peak rate
    t0 = performance.now();
    const u = onPty(tui);
    first.loading.push((await u.until('capplan: loading')) - t0);
    first.tui.push((await u.until('design rate 13k/s')) - t0);
    // the keys are read once the first frame has been committed: give it a moment (not measured)
    await new Promise((r) => setTimeout(r, 500));
    for (let k = 0; k < EDITS; k++) {
      const [value, rate] = k % 2 === 0 ? ['5000/s', '16.2k/s'] : ['4000/s', '13k/s'];
      let from = u.out.length;
      u.type('\r');
      await u.until('_', from);
      from = u.out.length;
      u.type(`${'\x7f'.repeat(8)}${value}`);
      await u.until(`${value}_`, from);
      from = u.out.length;
      t0 = performance.now();
      u.type('\r');
      redraw.tui.push((await u.until(`design rate ${rate}`, from)) - t0);
    }
    u.type('q');
    await u.until('unsaved changes', 0).catch(() => {});
    u.type('q');
    await u.ended;
  }
  const ms = (xs) => Number(median(xs).toFixed(1));
  console.log(
    `the interactive UI on a pty at 80x24 (medians, ms; ${first.tui.length} starts, ${redraw.tui.length} edits), each beside a bare node program on the same pty`,
  );
  console.table([
    {
      what: 'start-up to the first painted frame',
      capplanMs: ms(first.tui),
      loadingLineMs: ms(first.loading),
      nodeBaselineMs: ms(first.node),
    },
    { what: 'keystroke to redraw, an edit', capplanMs: ms(redraw.tui), nodeBaselineMs: ms(redraw.node) },
  ]);
}
