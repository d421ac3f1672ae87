"""The root conftest's model helpers, importable whichever conftest pytest calls `conftest`.

With several conftest.py files (tests/, tests/estimators/, ...) ``from conftest import``
resolves to whichever was imported first; this loads tests/conftest.py by its path.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[1] / "conftest.py"


def _root_conftest():
    for module in list(sys.modules.values()):  # pytest's own import of it, if any
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve() == _PATH:
            return module
    spec = importlib.util.spec_from_file_location("_cnnslicer_root_conftest", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_root = _root_conftest()
small_cnn = _root.small_cnn
train_epoch = _root.train_epoch
SHARED = _root.SHARED
DATASETS = _root.DATASETS
