/** The charts' SVG (src/lib/charts.ts): the coordinates as written, and the spending plan's grid per scale. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fixed, spendingPlanChart } from '../src/lib/charts.ts';
import type { Project, SpendingPlan } from '../src/schemas/project.ts';

// Every coordinate is written as `${+n.toFixed(digits)}`; fixed() must write the very same text.
describe('fixed writes a number as +n.toFixed(digits) does', () => {
  const reference = (n: number, digits: number) => String(+n.toFixed(digits));
  test.each([
    [52.5, 2], [12, 2], [93, 2], [10.5, 2], [1.005, 2], [2.675, 2], [0.125, 2], [-0.125, 2], [1.0005, 3], [0.0005, 3], [8.6, 3],
    [5.1000000000000005, 3], [-0.0001, 3], [0, 3], [-0, 2], [99.995, 2], [1e-7, 3], [123456.7895, 3], [NaN, 2], [Infinity, 3],
  ])('%d to %d decimals', (n, digits) => {
    expect(fixed(n, digits, 10 ** digits)).toBe(reference(n, digits));
  });

  test('any number a chart can hold', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.constantFrom(2, 3), (n, digits) => fixed(n, digits, 10 ** digits) === reference(n, digits)),
      { numRuns: 20_000, seed: 20261122 },
    );
    // Halves, where toFixed's exact rounding decides.
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.constantFrom(2, 3), (k, digits) => {
        const n = (k + 0.5) / 10 ** digits;
        return fixed(n, digits, 10 ** digits) === reference(n, digits);
      }),
      { numRuns: 20_000, seed: 20261122 },
    );
  });
});

describe('the spending plan chart', () => {
  const plan = (basis: SpendingPlan['basis'], values: Array<string | null>): SpendingPlan => ({
    basis,
    points: (['3月底', '6月底', '10月底', '12月底'] as const).map((by, i) => ({ by, printed: values[i] ?? '', value: values[i] })),
  });
  const project = (total: string, amountUnit: Project['amountUnit'] = '万元') => ({ total, amountUnit }) as Project;
  const labels = (svg: string) => [...svg.matchAll(/text-anchor="end">([^<]*)</g)].map((m) => m[1]);

  test('the grid is labelled on the scale of each plan, whichever plan came before', () => {
    const percent = spendingPlanChart(project('5.00'), plan('percent', ['25', '50', '75', '100'])).svg;
    const amount = spendingPlanChart(project('100.00'), plan('amount', ['25.00', '50.00', '75.00', '100.00'])).svg;
    const again = spendingPlanChart(project('5.00'), plan('percent', ['10', null, '60', '100'])).svg;
    expect(labels(percent)).toEqual(['0%', '50%', '100%']);
    expect(labels(amount)).toEqual(['0.00', '50.00', '100.00']);
    expect(labels(again)).toEqual(['0%', '50%', '100%']);
    expect(labels(spendingPlanChart(project('8.40'), plan('amount', ['2.10', '4.20', '6.30', '8.40'])).svg)).toEqual(['0.00', '4.20', '8.40']);
  });

  test('each checkpoint sits at its month and its share of the scale', () => {
    const { svg } = spendingPlanChart(project('5.00'), plan('percent', ['25', '50', null, '100']));
    // x: months 0–12 over 12%–93% of the width; y: 0–100% over 1.6em–8.6em from the bottom up.
    expect(svg).toContain('<circle class="plan-point" cx="32.25%" cy="6.85em" r="0.3em"/>');
    expect(svg).toContain('<circle class="plan-point" cx="52.5%" cy="5.1em" r="0.3em"/>');
    expect(svg).toContain('<circle class="plan-point" cx="93%" cy="1.6em" r="0.3em"/>');
    expect(svg).toContain('<text class="value" x="79.5%" y="11.1em" text-anchor="middle">（空白）</text>');
    expect(svg).toContain('<line class="grid" x1="12%" x2="93%" y1="5.1em" y2="5.1em"/>');
  });
});
