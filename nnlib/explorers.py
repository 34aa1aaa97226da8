"""Explorers: sliders above one figure that redraws in place as they move.

Each explorer is a pure ``draw_*`` / ``update_*`` pair from ``nnlib.plotting``
wrapped in an :class:`Explorer`. The figure is built once; a slider step only
moves existing artists and asks the canvas to redraw when idle. Tests drive
an explorer without a browser by setting ``explorer.sliders[name].value``.
"""

import base64
import functools
import io

import ipywidgets as widgets
import numpy as np

from nnlib import plotting

__all__ = ["Explorer", "explore_single_weight"]


class Explorer:
    """Sliders wired to ``update(**values)`` on one persistent figure."""

    def __init__(self, fig, update, sliders, artists):
        self.fig, self.sliders, self.artists, self._update = fig, sliders, artists, update
        for slider in sliders.values():
            slider.observe(self._on_change, names="value")
        canvas = [fig.canvas] if isinstance(fig.canvas, widgets.DOMWidget) else []  # ipympl, or a test's Agg
        if canvas:
            fig.canvas.header_visible = fig.canvas.footer_visible = fig.canvas.toolbar_visible = False
            fig.canvas.resizable = False
        self.widget = widgets.VBox([*sliders.values(), *canvas])

    @property
    def values(self):
        """The sliders' current values, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def _on_change(self, _change):
        self._update(**self.values)
        self.fig.canvas.draw_idle()

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for JupyterLab, plus a PNG of the current state for static viewers."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=96)
        bundle["image/png"] = base64.b64encode(buffer.getvalue()).decode("ascii")
        ranges = ", ".join(f"{n} in [{s.min:g}, {s.max:g}]" for n, s in self.sliders.items())
        bundle["text/plain"] = f"Explorer with sliders {ranges} (move them in JupyterLab)"
        return bundle


def _slider(name, value, low, high, step=0.05):
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=name,
        readout_format=".2f", continuous_update=True,
    )


def explore_single_weight(X, y, w=1.0, w_range=(-1.0, 4.0)):
    """Slider for one weight w; the outputs o = X w move against the targets y."""
    fig, (ax,) = plotting.new_figure(height=3.4)
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    ax.set_ylim(min(0.0, w_range[0] * X.max()), max(y.max(), w_range[1] * X.max()) * 1.05)
    artists = plotting.draw_single_weight(ax, X, y, w)
    update = functools.partial(plotting.update_single_weight, artists, X)
    return Explorer(fig, update, {"w": _slider("w", w, *w_range)}, artists)
