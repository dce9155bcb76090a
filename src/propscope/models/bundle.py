"""Model bundles: a folder with `manifest.json` and `weights.npz`, shipped inside the package.

Like sentence-transformers' model folders, but loaded with `allow_pickle=False`: a bundle is
data, never code, so a tampered file can at worst fail to load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

BUNDLE_DIR = Path(__file__).with_name("bundles")
FORMAT_VERSION = 1


class BundleError(RuntimeError):
    """A shipped model is missing or unreadable: tells the user how to rebuild it."""


@dataclass(frozen=True)
class Bundle:
    name: str
    path: Path
    manifest: dict[str, Any]
    arrays: dict[str, np.ndarray]

    @property
    def labels(self) -> list[str]:
        return list(self.manifest["labels"])

    def array(self, key: str) -> np.ndarray:
        try:
            return self.arrays[key]
        except KeyError:
            raise BundleError(f"model {self.name!r} lacks weight {key!r}; rebuild with `make models`") from None


def bundle_path(name: str, root: Path | None = None) -> Path:
    return (root or BUNDLE_DIR) / name


@lru_cache(maxsize=16)
def load_bundle(name: str, root: Path | None = None) -> Bundle:
    path = bundle_path(name, root)
    manifest_file, weights_file = path / "manifest.json", path / "weights.npz"
    if not manifest_file.is_file() or not weights_file.is_file():
        raise BundleError(f"model {name!r} not found in {path}; build it with `make models`")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BundleError(f"model {name!r} has format {manifest.get('format')!r}, "
                          f"this propscope reads {FORMAT_VERSION}; rebuild with `make models`")
    with np.load(weights_file, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return Bundle(name, path, manifest, arrays)


def save_bundle(path: Path, manifest: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    """Write deterministically (sorted keys, fixed array order) so rebuilds diff cleanly."""
    path.mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT_VERSION, **manifest}
    (path / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True,
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    np.savez_compressed(path / "weights.npz", **{k: arrays[k] for k in sorted(arrays)})
