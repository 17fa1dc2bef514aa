import { describe, expect, it } from 'vitest';
import { useIndexedWorkspace } from '../../support/engine';

// A caller that shares most of a bug report's words and the module where the error is raised:
// the innermost frame of the reporter's traceback must lead the file and function rankings.
const PLOT = `"""Plot compilation."""


class Plot:
    def _plot(self, pyplot):
        """Compile the plot: compute stats, set up scales for semantic variables, draw the marks."""
        plotter = Plotter(pyplot)
        plotter._compute_stats(self, self._layers)
        plotter._setup_scales(self, self._common, self._layers)
        return plotter


class Plotter:
    def _setup_scales(self, p, common, layers, variables=None):
        """Set up a scale for each semantic variable (color, boolean data, coordinates)."""
        for var in variables or []:
            scale = p._scales.get(var)
            self._scales[var] = scale._setup(common[var], var)

    def _compute_stats(self, spec, layers):
        """Run each layer's stat over the data before the color mapping and the scales."""
        return [layer for layer in layers]
`;
const SCALES = `"""Scales."""


class ContinuousBase:
    def _setup(self, data, prop, axis=None):
        vmin, vmax = data.min(), data.max()
        a = forward(vmin)
        b = forward(vmax) - forward(vmin)
        return lambda x: (x - a) / b

    def tick(self, every=None):
        return every
`;
const QUERY = [
  'Color mapping fails with boolean data',
  'so.Plot(["a", "b"], [1, 2], color=[True, False]).add(so.Bar())',
  'File ~/code/seaborn/seaborn/_core/plot.py:841, in Plot._plot(self, pyplot)',
  '--> 841 plotter._setup_scales(self, common, layers)',
  'File ~/code/seaborn/seaborn/_core/plot.py:1252, in Plotter._setup_scales(self, p, common, layers, variables)',
  '-> 1252 self._scales[var] = scale._setup(var_df[var], prop)',
  'File ~/code/seaborn/seaborn/_core/scales.py:351, in ContinuousBase._setup(self, data, prop, axis)',
  'TypeError: numpy boolean subtract, the `-` operator, is not supported',
].join('\n');

const indexed = useIndexedWorkspace('gw-frames-', { 'seaborn/_core/plot.py': PLOT, 'seaborn/_core/scales.py': SCALES, 'tests/test_plot.py': 'def test_plot():\n    assert Plot()._plot(None)\n' });

describe('stack traces on a real index', () => {
  it('ranks the file and function of the innermost frame first, the callers next', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: QUERY, includeStandards: false });
    expect(r.files.map((f) => f.path).slice(0, 2)).toEqual(['seaborn/_core/scales.py', 'seaborn/_core/plot.py']);
    expect(r.functions[0]!.id).toBe('seaborn/_core/scales.py::ContinuousBase._setup');
    const ids = r.functions.map((f) => f.id);
    expect(ids.indexOf('seaborn/_core/plot.py::Plotter._setup_scales')).toBeLessThan(ids.indexOf('seaborn/_core/plot.py::Plotter._compute_stats'));
  });
});
