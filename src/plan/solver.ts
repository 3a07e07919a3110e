// The covering problem at the heart of node-group sizing, solved by HiGHS (WebAssembly):
//   minimise Σ costₜ·xₜ  subject to  Σ capₜ,ᵣ·xₜ ≥ demandᵣ for every resource r,  xₜ ≥ 0
// once with xₜ real (the LP: a lower bound no whole-node mix can beat) and once with xₜ whole (the MIP:
// how many nodes of each type). Loading the solver is asynchronous; solving is synchronous.
// @see https://ergo-code.github.io/HiGHS/ (HiGHS), https://github.com/lovasoa/highs-js (the WebAssembly build)
import type { Highs } from 'highs';

/** A loaded HiGHS runtime. */
export type Solver = Highs;

let loading: Promise<Solver> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
export function loadSolver(): Promise<Solver> {
  // The package's types describe its CommonJS build; the ESM build's default export is the loader.
  loading ??= import('highs').then((m) => (m as unknown as { default: () => Promise<Solver> }).default());
  return loading;
}

export interface CoverProblem {
  /** One column per candidate: monthly cost and what one unit covers, per row. */
  columns: Array<{ cost: number; coverage: number[] }>;
  /** Right-hand side of each row: Σ coverage·x ≥ demand. */
  demand: number[];
  /** Upper bound on each column (undefined = none). */
  upper?: number[];
}

export interface CoverSolution {
  /** Units of each column (whole numbers for the MIP). */
  counts: number[];
  objective: number;
  status: 'optimal' | 'time-limit' | 'infeasible' | 'empty';
  /** The MIP's relative gap between its solution and its proven bound (0 when proven optimal). */
  mipGap: number;
}

export interface SolveOptions {
  integer: boolean;
  /** Seconds before HiGHS stops with the best solution found. @default 10 */
  timeLimitSeconds?: number;
  /** Relative gap at which the MIP stops. @default MIP_REL_GAP (0.005) */
  mipRelGap?: number;
  /** Absolute gap (USD a month) at which the MIP stops. @default 0 */
  mipAbsGap?: number;
  /** Branch-and-bound nodes before the MIP stops with its best solution (deterministic, unlike time). */
  mipMaxNodes?: number;
}

/** Branch-and-bound nodes a MIP may explore: a limit that gives the same plan on every machine. */
export const MIP_MAX_NODES = 200;
/**
 * The MIP stops within 0.5% of its proven bound: on a large cluster that is less than a node, and closing it
 * costs seconds; a small cluster's plans differ by whole nodes, far more than 0.5%, so they come out exact.
 */
export const MIP_REL_GAP = 0.005;

/** Solves the covering problem as an LP (`integer: false`) or a MIP. */
export function solveCover(solver: Solver, problem: CoverProblem, options: SolveOptions): CoverSolution {
  const numCols = problem.columns.length;
  const numRows = problem.demand.length;
  if (numCols === 0 || problem.demand.every((d) => d <= 0)) {
    return { counts: new Array(numCols).fill(0), objective: 0, status: 'empty', mipGap: 0 };
  }
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const column of problem.columns) {
    column.coverage.forEach((value, row) => {
      if (value !== 0) {
        indices.push(row);
        values.push(value);
      }
    });
    starts.push(indices.length);
  }
  const constants = solver.constants;
  const model = {
    numCols,
    numRows,
    colCost: problem.columns.map((c) => c.cost),
    colLower: new Array(numCols).fill(0),
    colUpper: problem.upper ?? new Array(numCols).fill(solver.infinity),
    rowLower: problem.demand.map((d) => Math.max(0, d)),
    rowUpper: new Array(numRows).fill(solver.infinity),
    matrix: { format: 'csc' as const, numRows, numCols, starts, indices, values },
    ...(options.integer
      ? { integrality: new Array(numCols).fill(constants.variableType.integer) as 1[] }
      : {}),
  };
  return solver.withModel(model, (m): CoverSolution => {
    m.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? 10,
      mip_rel_gap: options.mipRelGap ?? MIP_REL_GAP,
      random_seed: 0,
    });
    m.run();
    const status = m.getModelStatus();
    // Solutions come back with tiny negative noise (−1e-12): clamp at zero.
    const counts = Array.from(
      m.getSolution().colValue,
      (v) => Math.max(0, options.integer ? Math.round(v) : v) || 0,
    );
    const objective = problem.columns.reduce((sum, c, i) => sum + c.cost * (counts[i] ?? 0), 0);
    if (status === constants.modelStatus.infeasible)
      return { counts, objective: 0, status: 'infeasible', mipGap: 0 };
    const optimal = status === constants.modelStatus.optimal;
    const gap = options.integer ? Number(m.info.get('mip_gap')) : 0;
    return {
      counts,
      objective,
      status: optimal ? 'optimal' : 'time-limit',
      mipGap: Number.isFinite(gap) ? Math.max(0, gap) : 0,
    };
  });
}

/** A general model: min Σ cost·x subject to lower ≤ Σ entries ≤ upper per row; some columns whole numbers. */
export interface LinearModel {
  columns: Array<{ cost: number; integer: boolean; entries: Array<[row: number, value: number]> }>;
  rows: Array<{ lower: number; upper: number }>;
}

/** Solves a general model (rows and columns sparse). `Infinity` bounds mean none. */
export function solveModel(
  solver: Solver,
  model: LinearModel,
  options: Omit<SolveOptions, 'integer'>,
): CoverSolution {
  const numCols = model.columns.length;
  const numRows = model.rows.length;
  if (numCols === 0) return { counts: [], objective: 0, status: 'empty', mipGap: 0 };
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const column of model.columns) {
    for (const [row, value] of column.entries) {
      if (value === 0) continue;
      indices.push(row);
      values.push(value);
    }
    starts.push(indices.length);
  }
  const inf = (v: number) =>
    v === Number.POSITIVE_INFINITY ? solver.infinity : v === Number.NEGATIVE_INFINITY ? -solver.infinity : v;
  const integer = model.columns.some((c) => c.integer);
  const constants = solver.constants;
  const data = {
    numCols,
    numRows,
    colCost: model.columns.map((c) => c.cost),
    colLower: new Array(numCols).fill(0),
    colUpper: new Array(numCols).fill(solver.infinity),
    rowLower: model.rows.map((r) => inf(r.lower)),
    rowUpper: model.rows.map((r) => inf(r.upper)),
    matrix: { format: 'csc' as const, numRows, numCols, starts, indices, values },
    ...(integer
      ? {
          integrality: model.columns.map((c) =>
            c.integer ? constants.variableType.integer : constants.variableType.continuous,
          ),
        }
      : {}),
  };
  return solver.withModel(data, (m): CoverSolution => {
    m.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? 10,
      mip_rel_gap: options.mipRelGap ?? MIP_REL_GAP,
      mip_abs_gap: options.mipAbsGap ?? 0,
      mip_max_nodes: options.mipMaxNodes ?? MIP_MAX_NODES,
      // Node types of one shape are interchangeable; symmetry detection costs more than it saves here.
      mip_detect_symmetry: false,
      // Feasibility jump finds nothing the root's other heuristics miss on these models, and costs ~15% of a solve.
      mip_heuristic_run_feasibility_jump: false,
      random_seed: 0,
    });
    m.run();
    const status = m.getModelStatus();
    const counts = Array.from(
      m.getSolution().colValue,
      (v, i) => Math.max(0, model.columns[i]?.integer ? Math.round(v) : v) || 0,
    );
    const objective = model.columns.reduce((sum, c, i) => sum + c.cost * (counts[i] ?? 0), 0);
    if (status === constants.modelStatus.infeasible)
      return { counts, objective: 0, status: 'infeasible', mipGap: 0 };
    const gap = integer ? Number(m.info.get('mip_gap')) : 0;
    return {
      counts,
      objective,
      status: status === constants.modelStatus.optimal ? 'optimal' : 'time-limit',
      mipGap: Number.isFinite(gap) ? Math.max(0, gap) : 0,
    };
  });
}
