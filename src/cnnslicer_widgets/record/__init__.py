"""Record the hypercube dCNN(x, layer, channel, epoch) while a model trains.

Everything here touches a running torch model: :mod:`.recorder` (the :class:`Recorder`
that a training loop calls once per epoch), :mod:`.levels` (which modules: names or a level
of the module tree), :mod:`.layouts` (which axis holds the channels), :mod:`.hooks`
(forward hooks that copy module outputs off the graph, removed in ``finally``) and
:mod:`.probe` (turning what users pass
as a probe or evaluation set into tensors). The recorder writes through
:mod:`cnnslicer_widgets.store`.
"""

from __future__ import annotations

from cnnslicer_widgets.record.levels import list_layers
from cnnslicer_widgets.record.recorder import Recorder, StoreTooLargeError
from cnnslicer_widgets.store.spec import parse_bytes

__all__ = ["Recorder", "StoreTooLargeError", "list_layers", "parse_bytes"]
