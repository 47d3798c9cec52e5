/**
 * The catalog files checked against their zod schemas (schema.ts), for tests and tools that build a catalog from
 * files not yet trusted (buildCatalog), and for the test that the committed files need no check at run time
 * (loadCatalog builds from them directly). Kept apart from load.ts so that zod stays out of the commands' start-up.
 */
import type { z } from 'zod';
import { CATALOG_FILES, type RawCatalog } from './data.js';
import {
  buildCatalogFrom,
  type Catalog,
  CatalogError,
  type CatalogFiles,
  formatPath,
  priceCoverageProblems,
} from './load.js';
import {
  CommitmentsSpotFileSchema,
  InstancesFileSchema,
  NetworkCostsFileSchema,
  RegionsFileSchema,
  ReliabilityFileSchema,
} from './schema.js';

function parseFile<S extends z.ZodType>(
  schema: S,
  data: unknown,
  file: string,
  problems: string[],
): z.infer<S> | undefined {
  // jitless: a catalog is parsed once, so compiling a fast path (new Function) would only cost time
  const result = schema.safeParse(data, { jitless: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${file}: ${formatPath(issue.path)}: ${issue.message}`);
  return undefined;
}

/**
 * The five files as their schemas read them.
 * @throws {CatalogError} naming the file and field path of every problem
 */
export function parseCatalogFiles(raw: RawCatalog): CatalogFiles {
  const problems: string[] = [];
  const instances = parseFile(InstancesFileSchema, raw.instances, CATALOG_FILES.instances, problems);
  const regions = parseFile(RegionsFileSchema, raw.regions, CATALOG_FILES.regions, problems);
  const networkCosts = parseFile(NetworkCostsFileSchema, raw.networkCosts, CATALOG_FILES.networkCosts, problems);
  const reliability = parseFile(ReliabilityFileSchema, raw.reliability, CATALOG_FILES.reliability, problems);
  const commitmentsSpot = parseFile(
    CommitmentsSpotFileSchema,
    raw.commitmentsSpot,
    CATALOG_FILES.commitmentsSpot,
    problems,
  );
  if (!instances || !regions || !networkCosts || !reliability || !commitmentsSpot) throw new CatalogError(problems);
  return { instances, regions, networkCosts, reliability, commitmentsSpot };
}

/**
 * Validates the catalog files (their schemas and the price coverage rule) and builds the catalog. Not memoized (see loadCatalog); for tests and tools.
 * @throws {CatalogError} naming the file and field path of every problem
 */
export function buildCatalog(raw: RawCatalog): Catalog {
  const parsed = parseCatalogFiles(raw);
  const uncovered = priceCoverageProblems(parsed);
  if (uncovered.length > 0) throw new CatalogError(uncovered);
  return buildCatalogFrom(parsed);
}
