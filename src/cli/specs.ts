import type { CommandSpec } from './args.js';

/**
 * Every command's flags as data (kept apart from the implementations, so `capplan --help` loads nothing heavy).
 * Names are fixed by ../shared/design/contract.md.
 */
/** `queue` and `availability`: one parameter object per stdin line (contract, "Batch mode for the calculators"). */
const CALCULATOR_JSONL_FLAG = {
  name: 'jsonl',
  kind: 'switch',
  description:
    'read one JSON object of these flags (names without dashes) per stdin line; answer one JSON line each, in order',
} as const;

const JSON_FLAG = {
  name: 'json',
  kind: 'switch',
  description: 'print one JSON object on stdout instead of text',
} as const;

/** --freeze: the contract's "a `--freeze` flag keeps today's designs" (sweeps, sensitivity, the growth chart). */
const FREEZE_FLAG = {
  name: 'freeze',
  kind: 'switch',
  description:
    "without architectures in the scenario, keep today's searched designs at every point instead of searching again (with architectures: no effect, a note says so)",
} as const;

export const queueSpec: CommandSpec = {
  name: 'queue',
  summary: 'waiting and response times of an M/M/c or M/G/c queue (FCFS)',
  usage:
    'capplan queue --servers C --rate R --service T [--cv X] [--fanout K] [--simulate N [--seed S] [--threads T] [--dist D] [--burst-factor F --burst-share S --burst-length T]] [--json] | capplan queue --jsonl < PARAMS.jsonl',
  positionals: [],
  flags: [
    { name: 'servers', kind: 'value', valueName: 'C', description: 'number of servers (integer >= 1)' },
    {
      name: 'rate',
      kind: 'value',
      valueName: 'R',
      description: 'arrival rate: 1200/s, 72000/min, or a number per second',
    },
    { name: 'service', kind: 'value', valueName: 'T', description: 'mean service time: 5 ms, or a number of seconds' },
    {
      name: 'cv',
      kind: 'value',
      valueName: 'X',
      description: 'coefficient of variation of the service time (default 1 = exponential; 0 = deterministic)',
    },
    {
      name: 'fanout',
      kind: 'value',
      valueName: 'K',
      description: 'the request waits for K independent responses; percentiles are of the slowest (default 1)',
    },
    {
      name: 'simulate',
      kind: 'value',
      valueName: 'N',
      description: 'also simulate N customers and report the simulated figures with 95% intervals',
    },
    {
      name: 'dist',
      kind: 'value',
      valueName: 'D',
      description:
        'simulated service-time distribution: exponential, deterministic, gamma or lognormal (default: exponential at cv 1, deterministic at cv 0, gamma otherwise)',
    },
    { name: 'seed', kind: 'value', valueName: 'S', description: 'random seed of the simulation (default 1)' },
    {
      name: 'burst-factor',
      kind: 'value',
      valueName: 'F',
      description: 'simulate bursty arrivals: in a burst the rate is F times the rate between bursts (F > 1)',
    },
    {
      name: 'burst-share',
      kind: 'value',
      valueName: 'S',
      description: 'share of the time spent in bursts, in (0, 1): 10% (with --burst-factor and --burst-length)',
    },
    {
      name: 'burst-length',
      kind: 'value',
      valueName: 'T',
      description: 'mean length of a burst: 30s (the mean rate over bursts and calm stays --rate)',
    },
    {
      name: 'threads',
      kind: 'value',
      valueName: 'T',
      description:
        'worker threads of the simulation (default: 1 below 4 million customers, else the CPU count; the result does not depend on it)',
    },
    JSON_FLAG,
    CALCULATOR_JSONL_FLAG,
  ],
  details: [
    'Percentiles are of the response time (wait + service). With cv = 1 the figures are exact (M/M/c);',
    'otherwise the mean wait is Allen-Cunneen (exact Pollaczek-Khinchine for one server) and the percentiles',
    'are an approximation named in the output. With --fanout K, every one of the K parallel sub-requests',
    'meets a queue like this one, independently. The burst flags make the simulated arrivals a two-state',
    'Markov-modulated Poisson process with mean rate R, to show what bursts do to a p99 computed for Poisson.',
    '',
    'example: capplan queue --servers 8 --rate 1280/s --service 5ms',
    'example: capplan queue --servers 8 --rate 1280/s --service 5ms --simulate 1000000 --burst-factor 3 --burst-share 10% --burst-length 2s',
  ],
};

export const availabilitySpec: CommandSpec = {
  name: 'availability',
  summary: 'steady-state availability of N nodes of which K must be up, over zones and regions',
  usage:
    'capplan availability --nodes N --need K (--mtbf T --mttr T | --node-availability A) [--zones Z --zone-mtbf T --zone-mttr T] [--regions R --region-mtbf T --region-mttr T] [--simulate-years Y [--seed S] [--weibull-shape K] [--repair-crews N]] [--json] | capplan availability --jsonl < PARAMS.jsonl',
  positionals: [],
  flags: [
    { name: 'nodes', kind: 'value', valueName: 'N', description: 'number of nodes (default 1)' },
    {
      name: 'need',
      kind: 'value',
      valueName: 'K',
      description: 'the service is up while at least K nodes are up (default 1)',
    },
    {
      name: 'mtbf',
      kind: 'value',
      valueName: 'T',
      description: 'mean time between failures of a node: 2000 h, 30 d, or hours',
    },
    { name: 'mttr', kind: 'value', valueName: 'T', description: 'mean time to repair a node: 2 h, 30 min, or hours' },
    {
      name: 'node-availability',
      kind: 'value',
      valueName: 'A',
      description: 'availability of a node instead of MTBF/MTTR: 99.5% or 0.995',
    },
    { name: 'zones', kind: 'value', valueName: 'Z', description: 'spread nodes round-robin over Z zones' },
    { name: 'zone-mtbf', kind: 'value', valueName: 'T', description: 'MTBF of a zone' },
    { name: 'zone-mttr', kind: 'value', valueName: 'T', description: 'MTTR of a zone' },
    { name: 'regions', kind: 'value', valueName: 'R', description: 'spread zones round-robin over R regions' },
    { name: 'region-mtbf', kind: 'value', valueName: 'T', description: 'MTBF of a region' },
    { name: 'region-mttr', kind: 'value', valueName: 'T', description: 'MTTR of a region' },
    {
      name: 'simulate-years',
      kind: 'value',
      valueName: 'Y',
      description: 'also simulate Y years of failures and repairs (Monte Carlo, with a 95% interval)',
    },
    { name: 'seed', kind: 'value', valueName: 'S', description: 'seed of the simulation (integer >= 0, default 1)' },
    {
      name: 'weibull-shape',
      kind: 'value',
      valueName: 'K',
      description:
        'simulate Weibull up times with shape K (0.1 to 20) and mean MTBF instead of exponential ones (< 1: early failures, > 1: wear-out)',
    },
    {
      name: 'repair-crews',
      kind: 'value',
      valueName: 'N',
      description: 'simulate at most N node repairs at once (shared crews; a failed node waits for a free one)',
    },
    JSON_FLAG,
    CALCULATOR_JSONL_FLAG,
  ],
  details: [
    'A node is up only while it, its zone and its region are up; all failures independent, steady state.',
    'Bare numbers for times are hours. Unavailability is computed directly, so many nines keep their digits.',
    'With --simulate-years, failures and repairs are simulated in 20 chunks (same seed, same result);',
    'when fewer than 10 outages are seen, the exact figure is reported instead (tooRare). The exact figure',
    'assumes exponential up times and a repair for every failed node at once; --weibull-shape and',
    '--repair-crews drop those assumptions in the simulation only, so the two figures show what they cost.',
    '',
    'example: capplan availability --nodes 3 --need 2 --mtbf 4380h --mttr 2h --zones 3 --zone-mtbf 8766h --zone-mttr 4h',
  ],
};

export const ninesSpec: CommandSpec = {
  name: 'nines',
  summary: 'availability, nines and allowed downtime per year, month, week and day',
  usage: 'capplan nines X | --nines N [--json]',
  positionals: ['X'],
  flags: [
    { name: 'nines', kind: 'value', valueName: 'N', description: 'number of nines instead of X (3.3)' },
    JSON_FLAG,
  ],
  details: ['X is an availability: 99.95% or 0.9995.', '', 'example: capplan nines 99.99%'],
};

export const rttSpec: CommandSpec = {
  name: 'rtt',
  summary: 'network round-trip time between two regions or coordinates',
  usage: 'capplan rtt A B [--json]',
  positionals: ['A', 'B'],
  flags: [JSON_FLAG],
  details: [
    'A and B are region ids (us-east-1) or coordinates lat,lon (35.68,139.65; -33.92,18.42).',
    'Measured median RTTs are used between catalog regions; otherwise the RTT is estimated from the',
    'great-circle distance with a path-inflation model fitted to the measured pairs.',
    '',
    'example: capplan rtt ap-northeast-1 us-east-1',
  ],
};

export const runSpec: CommandSpec = {
  name: 'run',
  summary: 'compare vertical and horizontal designs for a scenario file: cost, nines, p99, recommendation',
  usage: 'capplan run FILE|- [--out FILE] [--check] [--format json|table] [--jsonl] [--threads T] [--analytic]',
  positionals: ['FILE'],
  flags: [
    {
      name: 'out',
      kind: 'value',
      valueName: 'FILE',
      description: 'write the result to FILE (atomically) instead of stdout',
    },
    { name: 'check', kind: 'switch', description: 'exit 1 when no candidate meets every target' },
    { name: 'format', kind: 'value', valueName: 'F', description: 'json (default) or table (a readable comparison)' },
    {
      name: 'jsonl',
      kind: 'switch',
      description:
        "one scenario per input line, one result per output line, in order (analytic: a line's simulation block is not run, and --threads/--analytic do not apply)",
    },
    {
      name: 'threads',
      kind: 'value',
      valueName: 'T',
      description: 'worker threads of the simulation (default: the CPU count; the result does not depend on it)',
    },
    { name: 'analytic', kind: 'switch', description: "skip the scenario's simulation block: analytic figures only" },
  ],
  details: [
    'FILE is a scenario in JSON (see models/scenarios/ and capplan schema scenario); - reads stdin.',
    'Every figure is at the design rate: the peak rate grown over the growth horizon. Without architectures,',
    'capplan searches the catalog for the best vertical and the best horizontal design.',
    '',
    'example: capplan run models/scenarios/photo-sharing-viral.json --format table',
  ],
};

export const worksheetSpec: CommandSpec = {
  name: 'worksheet',
  summary: 'the design-review worksheet of a scenario (Markdown, one self-contained HTML file, or plain text)',
  usage: 'capplan worksheet FILE|- [--format md|html|text] [--out FILE] [--date YYYY-MM-DD] [--analytic] [--freeze]',
  positionals: ['FILE'],
  flags: [
    {
      name: 'format',
      kind: 'value',
      valueName: 'F',
      description: 'md (default), html (with inline SVG charts) or text (plain, for a terminal)',
    },
    { name: 'out', kind: 'value', valueName: 'FILE', description: 'write to FILE (atomically) instead of stdout' },
    {
      name: 'date',
      kind: 'value',
      valueName: 'D',
      description: 'the review date to print (none by default, for reproducible output)',
    },
    { name: 'analytic', kind: 'switch', description: "skip the scenario's simulation block" },
    FREEZE_FLAG,
  ],
  details: [
    'Sections: summary and recommendation, inputs and assumptions, candidates, availability, latency, cost,',
    'growth and crossover, sensitivity, risks and questions, decision record.',
    'When the scenario names no architectures, the growth chart and the sensitivity analysis run the search again',
    "at every point (each a full search: seconds to minutes); --freeze keeps today's designs instead. Both say which.",
    '',
    'example: capplan worksheet models/scenarios/payment-processing.json --out review.md',
  ],
};

export const sweepSpec: CommandSpec = {
  name: 'sweep',
  summary: 're-run a scenario across a range of one input: one row per step and candidate, and the crossovers',
  usage:
    'capplan sweep FILE|- --vary PATH=FROM..TO [--steps N] [--log] [--freeze] [--format csv|json] [--crossovers] [--out FILE]',
  positionals: ['FILE'],
  flags: [
    {
      name: 'vary',
      kind: 'value',
      valueName: 'PATH=FROM..TO',
      description: 'the input to vary and its range, e.g. workload.peakRate=100/s..100000/s or targets.p99=50ms..500ms',
    },
    { name: 'steps', kind: 'value', valueName: 'N', description: 'values from FROM to TO, both included (default 11)' },
    { name: 'log', kind: 'switch', description: 'space the values geometrically (FROM and TO > 0)' },
    FREEZE_FLAG,
    { name: 'format', kind: 'value', valueName: 'F', description: 'csv (default) or json (rows and crossovers)' },
    { name: 'crossovers', kind: 'switch', description: 'write the crossovers instead of the rows' },
    { name: 'out', kind: 'value', valueName: 'FILE', description: 'write to FILE (atomically) instead of stdout' },
  ],
  details: [
    'PATH is a numeric field of the scenario: workload.* (peakRate, serviceTime, workingSet, growth.perYear, ...),',
    'targets.* (p99, availability, budget, maxUtilization, maxDataLoss), reliability.* (node.mtbf, failover, ...)',
    'or architectures[i].nodes|spares|zones of a horizontal candidate; not a user share (shares must add up to 100%).',
    "FROM and TO take the field's units (100/s, 50ms, 1000h, 99.9%); a bare number is in the base unit, as in a",
    'scenario file (seconds for an MTBF). Each step is read and checked exactly like capplan run, then compared;',
    'a step that makes the scenario invalid gets one row with its error and the sweep goes on. Sweeping',
    'workload.peakRate scales workload.averageRate with it. Integer fields are rounded. Analytic figures only: a',
    'simulation block is not run. Without architectures every step runs the search again; --freeze keeps the',
    'designs found for the scenario as given (instance type, regions, standby, spares, zones and balancer; horizontal',
    'node counts re-sized at each step).',
    'CSV columns: value (base unit), candidate, kind, instance, nodes, regions, usdPerMonth, usdPerMillionRequests,',
    'nines, downtimeMinutesPerYear, p99Ms (empty: unstable), utilization, feasible (carries the load: CPU, memory',
    'and p99 targets), meetsAll (every target), recommended, error, designs ("searched at every point", "frozen" or',
    '"candidates": which designs every step compares). Crossovers (JSON, or --crossovers): where the',
    'recommendation changes and where the cheapest design that carries the load switches between vertical and',
    'horizontal, interpolated where the cost difference changes sign (else the midpoint, as method says).',
    '',
    'example: capplan sweep models/scenarios/photo-sharing-viral.json --vary workload.peakRate=500/s..50000/s --log',
  ],
};

export const tuiSpec: CommandSpec = {
  name: 'tui',
  summary: 'the interactive UI on a scenario (the default example, or FILE); without a terminal, the comparison',
  usage: 'capplan tui [FILE] [--freeze]',
  positionals: ['FILE'],
  flags: [FREEZE_FLAG],
  details: [
    'Change an input and watch the comparison move. Keys: arrows move, Enter edits, u undoes, m simulates,',
    's saves, o opens, c cycles the charts, ? shows every key, q quits. NO_COLOR turns colour off.',
    'Without architectures the cost-vs-load chart and the worksheet (w) search again at every point;',
    "--freeze keeps today's designs.",
  ],
};

export const schemaSpec: CommandSpec = {
  name: 'schema',
  summary: 'print the JSON Schema of a scenario file or of a result',
  usage: 'capplan schema [scenario|result]',
  positionals: ['TOPIC'],
  flags: [],
  details: [
    'TOPIC is scenario (the default) or result. The output is JSON Schema draft 2020-12, pretty-printed.',
    '',
    'example: capplan schema scenario > scenario.schema.json',
  ],
};

export const fitSpec: CommandSpec = {
  name: 'fit',
  summary: 'calibrate scenario inputs from measurements: USL from a load test, latency, MTBF/MTTR from incidents',
  usage:
    'capplan fit usl|latency|failures FILE|- [--json] [--plot FILE.svg] [--series S] [--unit U] [--from T --to T] [--into SCENARIO --at PATH [--date YYYY-MM-DD]]',
  positionals: ['KIND', 'FILE'],
  flags: [
    JSON_FLAG,
    {
      name: 'plot',
      kind: 'value',
      valueName: 'FILE.svg',
      description: 'fit usl: also write an SVG of the measurements, the fitted curve and the peak (atomically)',
    },
    {
      name: 'series',
      kind: 'value',
      valueName: 'S',
      description:
        'fit latency: the histogram series (labels) or k6 metric to fit when the file has several: \'handler="/api"\', http_req_duration',
    },
    {
      name: 'unit',
      kind: 'value',
      valueName: 'U',
      description: 'fit latency: unit of the samples (ms, s, us) when the CSV header does not say (latency_ms)',
    },
    {
      name: 'from',
      kind: 'value',
      valueName: 'T',
      description: 'fit failures: start of the observation window (ISO 8601)',
    },
    {
      name: 'to',
      kind: 'value',
      valueName: 'T',
      description: 'fit failures: end of the observation window (ISO 8601)',
    },
    {
      name: 'into',
      kind: 'value',
      valueName: 'SCENARIO',
      description: 'write the fitted values into this scenario file (atomically, keeping everything else), with --at',
    },
    {
      name: 'at',
      kind: 'value',
      valueName: 'PATH',
      description:
        'where the fitted values go: workload (usl: workload.usl; latency: serviceTime, serviceTimeCv) or reliability.node|zone|region (failures)',
    },
    {
      name: 'date',
      kind: 'value',
      valueName: 'D',
      description: "with --into, the fit's date recorded in the scenario (default: today, UTC)",
    },
  ],
  details: [
    'usl: a CSV with a header and columns n (concurrency or nodes) and x (throughput per second), one row per n.',
    'latency: a Prometheus text-format histogram (_bucket{le=...}, _sum, _count), a CSV of samples, or a k6',
    '--summary-export JSON. failures: a CSV of incidents start,end[,component] with ISO 8601 times.',
    'Lines starting with # in a CSV are comments. Every problem is named by its line; exit 2.',
    '',
    'example: capplan fit usl load-test.csv --plot usl.svg',
    'example: capplan fit latency metrics.txt --series \'handler="/api"\' --into scenario.json --at workload',
    'example: capplan fit failures incidents.csv --from 2025-01-01 --to 2026-01-01 --json',
  ],
};

export const COMMANDS: readonly CommandSpec[] = [
  runSpec,
  worksheetSpec,
  sweepSpec,
  tuiSpec,
  queueSpec,
  availabilitySpec,
  ninesSpec,
  rttSpec,
  fitSpec,
  schemaSpec,
];
