"""Deconvnet projections for the layer and channel views: the probe images, the weights of
the shown epoch (kept while it stays the same), and :func:`~cnnslicer_widgets.deconv.
deconvnet`. torch is imported only when a projection is asked for (with ``model=``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cnnslicer_widgets.cube import Hypercube

__all__ = ["Projector", "check_n_images"]


def check_n_images(n_images: Any) -> int:
    """How many probe images a panel shows: an integer from 1 to 32."""
    if (isinstance(n_images, bool) or not isinstance(n_images, (int, np.integer))
            or not 1 <= n_images <= 32):
        raise ValueError(f"n_images must be an integer from 1 to 32, got {n_images!r}")
    return int(n_images)


class Projector:
    """Probe images and their deconvnet projections of one cube with one model."""

    def __init__(self, cube: Hypercube, model: Any) -> None:
        self.cube = cube
        self.model = model
        self._weights: tuple[int, dict[str, Any]] | None = None

    def images(self, positions: np.ndarray, epoch: int) -> np.ndarray:
        """The probe images at ``positions``, (n, C, H, W) float32."""
        images = self.cube.activations("input").sel(epoch=epoch).isel(x=positions)
        return np.asarray(images.values, dtype=np.float32)

    def project(self, images: np.ndarray, layer: str, channel: int, epoch: int) -> np.ndarray:
        """Deconvnet projections (n, C, H, W) with the weights of ``epoch``."""
        from cnnslicer_widgets.deconv import deconvnet

        if self._weights is None or self._weights[0] != epoch:
            self._weights = (epoch, self.cube.weights(epoch))
        proj = deconvnet(self.model, images, layer, channel, weights=self._weights[1], epoch=epoch)
        return np.asarray(proj.values)
