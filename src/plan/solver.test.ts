// Exact optima of small covering problems solvable by hand, and their LP lower bounds.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadSolver, type Solver, solveCover } from './solver.js';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

describe('solveCover', () => {
  test('case 1: a bigger type cheaper per vCPU but too big to use twice', () => {
    // S: $10 covers (2 vCPU, 4 GiB, 10 pods); L: $18 covers (4, 8, 10). Demand (6, 12, 3).
    // Whole mixes that cover 6 vCPU: 3S = $30, 1L + 1S = $28, 2L = $36 → optimum 1L + 1S = $28.
    // LP: L costs $4.50 per vCPU against S's $5, so 1.5 L = $27 is the fractional optimum.
    const problem = {
      columns: [
        { cost: 10, coverage: [2, 4, 10] },
        { cost: 18, coverage: [4, 8, 10] },
      ],
      demand: [6, 12, 3],
    };
    const mip = solveCover(solver, problem, { integer: true });
    expect(mip).toMatchObject({ counts: [1, 1], objective: 28, status: 'optimal', mipGap: 0 });
    const lp = solveCover(solver, problem, { integer: false });
    expect(lp.objective).toBeCloseTo(27, 6);
    expect(lp.counts[1]).toBeCloseTo(1.5, 6);
  });

  test('case 2: memory-bound demand picks the memory-optimised type', () => {
    // C: $30 covers (8 vCPU, 16 GiB); R: $26 covers (4, 32). Demand (8 vCPU, 64 GiB).
    // 2R covers (8, 64) for $52. Any C costs $30 for 16 GiB, so 64 GiB would need more than 2R's price:
    // c C + r R with 16c + 32r ≥ 64 and 8c + 4r ≥ 8; at c = 0, r = 2 → $52; each C added saves at most
    // 0.5 R ($13) for $30. LP and MIP agree: $52.
    const problem = {
      columns: [
        { cost: 30, coverage: [8, 16] },
        { cost: 26, coverage: [4, 32] },
      ],
      demand: [8, 64],
    };
    expect(solveCover(solver, problem, { integer: true })).toMatchObject({ counts: [0, 2], objective: 52 });
    expect(solveCover(solver, problem, { integer: false }).objective).toBeCloseTo(52, 6);
  });

  test('case 3: a minimum node count (one per AZ) dominates a tiny demand', () => {
    // S: $10 (2 vCPU), L: $18 (4 vCPU); demand 1 vCPU but at least 3 nodes (last row counts nodes):
    // 3S = $30 is the cheapest 3 nodes. Without the node row the LP needs 0.25 L = $4.50.
    const mip = solveCover(
      solver,
      {
        columns: [
          { cost: 10, coverage: [2, 1] },
          { cost: 18, coverage: [4, 1] },
        ],
        demand: [1, 3],
      },
      { integer: true },
    );
    expect(mip).toMatchObject({ counts: [3, 0], objective: 30 });
    const lp = solveCover(
      solver,
      {
        columns: [
          { cost: 10, coverage: [2] },
          { cost: 18, coverage: [4] },
        ],
        demand: [1],
      },
      { integer: false },
    );
    expect(lp.objective).toBeCloseTo(4.5, 6);
  });

  test('no demand, no columns: nothing to buy', () => {
    expect(
      solveCover(solver, { columns: [{ cost: 1, coverage: [1] }], demand: [0] }, { integer: true }),
    ).toMatchObject({
      counts: [0],
      objective: 0,
      status: 'empty',
    });
  });

  test('an impossible cover is reported infeasible', () => {
    const r = solveCover(
      solver,
      { columns: [{ cost: 1, coverage: [0, 1] }], demand: [1, 1] },
      { integer: true },
    );
    expect(r.status).toBe('infeasible');
  });
});
