"""Recording inside training frameworks, each an optional extra imported only on use.

- :mod:`cnnslicer_widgets.integrations.lightning`: :class:`CNNSlicerCallback`, a PyTorch
  Lightning callback (``pip install "cnnslicer-widgets[lightning]"``).

Nothing here is imported by ``import cnnslicer_widgets``: the package works without the
frameworks.
"""

from __future__ import annotations

__all__: list[str] = []
