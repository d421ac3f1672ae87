"""Static figures for the case-study notebooks: plotly, shown as PNG images.

The notebooks are stored with their outputs, and a stored notebook must read without
JavaScript (the docs and GitHub render it as it is): every figure is rendered to a PNG by
kaleido (a headless Chromium, started once per process) instead of embedding plotly.js.
Needs the ``notebooks`` extra: ``pip install cnnslicer-widgets[notebooks]``.

- :func:`show`: display a figure as a PNG image (or return its bytes).
- :func:`band_lines`: one line per series with a shaded band (e.g. median and the range
  over training seeds).
- :func:`band_markers`: one marker per x with an error bar, beside reference points (e.g.
  ours with its band against the paper's values).
"""

from __future__ import annotations

import atexit
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["COLORS", "band_lines", "band_markers", "show"]

# One colour per run/series, in order (plotly's default qualitative palette).
COLORS = ("#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692",
          "#b6e880", "#ff97ff", "#fecb52")
_SERVER = {"started": False}


def _start_server() -> None:
    """Keep one kaleido Chromium for the process: the first image costs seconds, later ones
    a fraction of a second."""
    if _SERVER["started"]:
        return
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    _SERVER["started"] = True
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)


def show(fig, *, width: int = 800, height: int = 420, scale: float = 1.5, display: bool = True):
    """Render a plotly figure to PNG with kaleido and display it (or return the bytes).

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure.
    width, height : int
        Size in CSS pixels.
    scale : float
        Pixel density of the PNG (1.5: sharp on most screens, small files).
    display : bool
        Display the image in the notebook (returns None); False returns the PNG bytes.
    """
    import warnings

    _start_server()
    with warnings.catch_warnings():  # kaleido's server ignores plotly's per-call options
        warnings.simplefilter("ignore", UserWarning)
        png = fig.to_image(format="png", width=width, height=height, scale=scale)
    if not display:
        return png
    from IPython.display import Image
    from IPython.display import display as show_output

    show_output(Image(png))
    return None


def band_lines(
    x: Sequence[float] | np.ndarray,
    series: Mapping[str, np.ndarray],
    *,
    title: str = "",
    xaxis: str = "",
    yaxis: str = "",
    log_y: bool = False,
):
    """Lines with shaded bands: ``series[name]`` is (runs, len(x)); the line is the median
    over runs, the band the min..max (NaN skipped; a single run has no band).

    Examples
    --------
    >>> fig = band_lines([0, 1, 2], {"a": np.array([[1.0, 2, 3], [2, 3, 4]])})
    >>> [t.name for t in fig.data], [float(v) for v in fig.data[-1].y]
    ([None, None, 'a'], [1.5, 2.5, 3.5])
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    x = np.asarray(x)
    for i, (name, runs) in enumerate(series.items()):
        runs = np.atleast_2d(np.asarray(runs, dtype=np.float64))
        color = COLORS[i % len(COLORS)]
        with np.errstate(invalid="ignore"), _quiet_nan():
            lo, mid, hi = np.nanmin(runs, 0), np.nanmedian(runs, 0), np.nanmax(runs, 0)
        if len(runs) > 1:
            fig.add_trace(go.Scatter(x=x, y=hi, mode="lines", line={"width": 0},
                                     showlegend=False, hoverinfo="skip"))
            fig.add_trace(go.Scatter(x=x, y=lo, mode="lines", line={"width": 0}, fill="tonexty",
                                     fillcolor=_alpha(color, 0.2), showlegend=False,
                                     hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=x, y=mid, mode="lines", name=name, line={"color": color}))
    fig.update_layout(title=title, xaxis_title=xaxis, yaxis_title=yaxis, template="plotly_white",
                      margin={"l": 60, "r": 20, "t": 50 if title else 20, "b": 50})
    if log_y:
        fig.update_yaxes(type="log")
    return fig


def band_markers(
    labels: Sequence[str],
    median: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    *,
    reference: Mapping[str, Sequence[float]] | None = None,
    name: str = "ours",
    title: str = "",
    yaxis: str = "",
):
    """Ours as markers with an error bar from ``low`` to ``high``; each ``reference``
    series (e.g. the paper's values, NaN where it has none) as open markers beside them.

    Examples
    --------
    >>> fig = band_markers(["a", "b"], [1.0, 2.0], [0.9, 1.8], [1.1, 2.1],
    ...                    reference={"paper": [1.05, np.nan]})
    >>> [t.name for t in fig.data]
    ['ours', 'paper']
    """
    import plotly.graph_objects as go

    mid, lo, hi = (np.asarray(v, dtype=np.float64) for v in (median, low, high))
    fig = go.Figure(go.Scatter(
        x=list(labels), y=mid, mode="markers", name=name, marker={"size": 10,
                                                                  "color": COLORS[0]},
        error_y={"type": "data", "symmetric": False, "array": hi - mid, "arrayminus": mid - lo,
                 "width": 6},
    ))
    for i, (ref, values) in enumerate((reference or {}).items()):
        fig.add_trace(go.Scatter(
            x=list(labels), y=np.asarray(values, dtype=np.float64), mode="markers", name=ref,
            marker={"size": 12, "symbol": "diamond-open", "color": COLORS[(i + 1) % len(COLORS)],
                    "line": {"width": 2}},
        ))
    fig.update_layout(title=title, yaxis_title=yaxis, template="plotly_white",
                      margin={"l": 60, "r": 20, "t": 50 if title else 20, "b": 50})
    return fig


def _alpha(color: str, alpha: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


class _quiet_nan:
    """Silence numpy's all-NaN-slice warnings (a column of NaN gives a gap)."""

    def __enter__(self):
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)
