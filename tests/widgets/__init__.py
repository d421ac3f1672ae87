"""Widget tests (a package, so their conftest has a unique module name)."""
