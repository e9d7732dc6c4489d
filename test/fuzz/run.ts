import fc from 'fast-check';
import { checkResponse } from './check.ts';
import { describeRequest, type Recipe, type Rendered } from './requests.ts';

/** FUZZ_SEED reproduces a run; otherwise a new seed each run, printed first. */
export function fuzzSeed(): number {
  const given = process.env.FUZZ_SEED;
  const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${given}`);
  return seed;
}

/** Each target's own seed, stable when targets are added or removed. */
function seedFor(seed: number, key: string): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface Target {
  /** e.g. "POST /v1/events" */
  key: string;
  recipes: fc.Arbitrary<Recipe>;
  count: number;
}

export interface RunResult {
  requests: number;
  byStatus: Record<string, number>;
  failures: string[];
  /** Requests that got past validation (2xx), per target — shows the fuzzer reaches the services. */
  succeeded: Record<string, number>;
}

/**
 * Sends every target's requests in turn (in process, no sockets) and checks each
 * response; collects every failure instead of stopping at the first.
 */
export async function runTargets(options: {
  seed: number;
  targets: Target[];
  send: (recipe: Recipe) => Promise<{ rendered: Rendered; response: Response; api: boolean }>;
  errorCodes: ReadonlySet<string>;
  beforeTarget?: (target: Target) => Promise<void>;
}): Promise<RunResult> {
  const result: RunResult = { requests: 0, byStatus: {}, failures: [], succeeded: {} };
  let generationMs = 0;
  const perTarget: Record<string, number> = {};
  for (const target of options.targets) {
    await options.beforeTarget?.(target);
    const t0 = performance.now();
    const recipes = fc.sample(target.recipes, {
      seed: seedFor(options.seed, target.key),
      numRuns: target.count,
    });
    generationMs += performance.now() - t0;
    const t1 = performance.now();
    for (const [index, recipe] of recipes.entries()) {
      const { rendered, response, api } = await options.send(recipe);
      result.requests++;
      const bucket = `${Math.floor(response.status / 100)}xx`;
      result.byStatus[bucket] = (result.byStatus[bucket] ?? 0) + 1;
      if (response.status < 300) result.succeeded[target.key] = (result.succeeded[target.key] ?? 0) + 1;
      if (
        process.env.FUZZ_VERBOSE &&
        (process.env.FUZZ_VERBOSE === '1' || target.key.includes(process.env.FUZZ_VERBOSE))
      ) {
        const text = await response.clone().text();
        console.log(`${target.key} ${response.status} ${text.slice(0, 300)}`);
      }
      const finding = await checkResponse(response, {
        api,
        method: rendered.method,
        errorCodes: options.errorCodes,
      });
      if (finding) {
        result.failures.push(
          `[${target.key} #${index}] ${finding.problem}\n  ${describeRequest(rendered, recipe.actor)}\n  → ${finding.status} ${finding.excerpt}`,
        );
      }
    }
    perTarget[target.key] = performance.now() - t1;
  }
  if (process.env.FUZZ_TIMING)
    console.log(
      `generation ${generationMs.toFixed(0)} ms; slowest: ${Object.entries(perTarget)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}`,
    );
  return result;
}

export function report(name: string, seed: number, result: RunResult, ms: number): string {
  return `${name}: ${result.requests} requests in ${(ms / 1000).toFixed(1)} s, seed ${seed} (FUZZ_SEED=${seed} reproduces), ${JSON.stringify(result.byStatus)}, ${result.failures.length} failure(s)`;
}

export function failureMessage(name: string, seed: number, failures: string[]): string {
  return `${name} found ${failures.length} bad response(s) with seed ${seed} (rerun with FUZZ_SEED=${seed}):\n\n${failures.slice(0, 25).join('\n\n')}${failures.length > 25 ? `\n\n… and ${failures.length - 25} more` : ''}`;
}
