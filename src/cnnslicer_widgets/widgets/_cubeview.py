"""What the layer and channel views share: a cube, an optional model, the recorded epochs,
watching the shared selection (also after ``link_views`` swaps it), and deconvnet calls.

torch is imported only when a deconvnet projection is asked for (with ``model=``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["CubeViewMixin", "snap_epoch"]


def snap_epoch(requested: int, epochs: Sequence[int]) -> tuple[int, list[str]]:
    """The recorded epoch to show for ``requested``: itself, else the nearest recorded one
    before it (the first if none is before), with a note saying so.

    Examples
    --------
    >>> snap_epoch(3, [0, 2, 4])
    (2, ['Epoch 3 is not recorded; showing epoch 2 (recorded: 0, 2, 4).'])
    >>> snap_epoch(4, [0, 2, 4])
    (4, [])
    """
    epochs = [int(e) for e in epochs]
    if requested in epochs:
        return int(requested), []
    before = [e for e in epochs if e < requested]
    shown = before[-1] if before else epochs[0]
    listed = ", ".join(str(e) for e in epochs[:12]) + (", ..." if len(epochs) > 12 else "")
    return shown, [
        f"Epoch {requested} is not recorded; showing epoch {shown} (recorded: {listed})."
    ]


class CubeViewMixin:
    """Mixed into a :class:`~cnnslicer_widgets.widgets.CNNSlicerView` over a cube."""

    def _setup_cube(self, cube: Any, *, model: Any, n_images: int) -> None:
        if (
            isinstance(n_images, bool)
            or not isinstance(n_images, (int, np.integer))
            or not (1 <= n_images <= 32)
        ):
            raise ValueError(f"n_images must be an integer from 1 to 32, got {n_images!r}")
        self.cube = cube
        """The hypercube the view reads."""
        self.model = model
        """The model for deconvnet projections, or None."""
        self.n_images = int(n_images)
        self._weights: tuple[int, dict[str, Any]] | None = None
        self._watchers: list[tuple[Any, Callable, tuple[str, ...]]] = []
        self.epochs = [int(e) for e in cube.epochs]
        self.observe(self._rewatch, names="selection")

    def _watch(self, names: Sequence[str], handler: Callable[[dict[str, Any]], None]) -> None:
        """Call ``handler`` on changes of the selection fields ``names``, whichever
        Selection the view holds."""
        self.selection.observe(handler, names=list(names))
        self._watchers.append((self.selection, handler, tuple(names)))

    def _rewatch(self, change: dict[str, Any]) -> None:
        old = change["old"]
        moved = [(h, n) for s, h, n in self._watchers if s is old]
        for handler, names in moved:
            old.unobserve(handler, names=list(names))
        self._watchers = [(s, h, n) for s, h, n in self._watchers if s is not old]
        for handler, names in moved:
            self._watch(names, handler)
        self._update()

    def refresh(self) -> list[int]:
        """Pick up epochs completed since the view was made (a run still training).

        Calls ``cube.refresh()``, updates the slider and the shown data; cached results
        of earlier epochs are kept. Returns the epochs that are new to this view.
        """
        self.cube.refresh()
        shown = set(self.epochs)
        new = [int(e) for e in self.cube.epochs if e not in shown]
        self.epochs = [int(e) for e in self.cube.epochs]
        self._update()
        return new

    def _update(self) -> None:  # pragma: no cover - every view defines it
        raise NotImplementedError

    def _snap_epoch(self) -> tuple[int, list[str]]:
        return snap_epoch(int(self.selection.epoch), self.cube.epochs)

    def _input_images(self, positions: np.ndarray, epoch: int) -> np.ndarray:
        """The probe images at ``positions``, (n, C, H, W) float32."""
        images = self.cube.activations("input").sel(epoch=epoch).isel(x=positions)
        return np.asarray(images.values, dtype=np.float32)

    def _deconv(self, images: np.ndarray, layer: str, channel: int, epoch: int) -> np.ndarray:
        """Deconvnet projections (n, C, H, W) with the weights of ``epoch``."""
        from cnnslicer_widgets.deconv import deconvnet

        if self._weights is None or self._weights[0] != epoch:
            self._weights = (epoch, self.cube.weights(epoch))
        proj = deconvnet(self.model, images, layer, channel, weights=self._weights[1], epoch=epoch)
        return np.asarray(proj.values)
