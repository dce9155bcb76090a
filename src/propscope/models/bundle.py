"""Model bundles: a folder with `manifest.json` and `weights.npz`, shipped inside the package.

Like sentence-transformers' model folders, but loaded with `allow_pickle=False`: a bundle is
data, never code, so a tampered file can at worst fail to load.

Retrained versions (`propscope train --with-feedback`) live outside the package, in
`models_dir()/<name>/<version>/`; `models_dir()/<name>/ACTIVE` names the version in use.
No ACTIVE file means the shipped bundle. An ACTIVE file that is unreadable or names a
version that is missing or broken is an error (BundleError), never a silent fallback:
analyses record the model tag, and a different model than the one chosen must not slip in.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

BUNDLE_DIR = Path(__file__).with_name("bundles")
FORMAT_VERSION = 1
SHIPPED = "shipped"
ACTIVE_FILE = "ACTIVE"
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,79}$")


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


def models_dir() -> Path:
    """Where retrained versions live: $PROPSCOPE_MODELS_DIR, else the XDG data folder."""
    env = os.environ.get("PROPSCOPE_MODELS_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "propscope" / "models"


def active_version(name: str) -> str:
    """The version `load_bundle(name)` uses: the ACTIVE file's content, or "shipped"."""
    pointer = models_dir() / name / ACTIVE_FILE
    if not pointer.exists():
        return SHIPPED
    try:
        version = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleError(f"cannot read the active version of model {name!r} from {pointer}: {exc}; "
                          f"choose one with `propscope models use {name} shipped`") from None
    if not VERSION_RE.match(version):
        raise BundleError(f"{pointer} names no valid version ({version[:40]!r}); "
                          f"choose one with `propscope models use {name} shipped`")
    return version


def version_path(name: str, version: str) -> Path:
    return BUNDLE_DIR / name if version == SHIPPED else models_dir() / name / version


def load_bundle(name: str, root: Path | None = None) -> Bundle:
    """The bundle `name` from `root`, or (no root) its active version."""
    if root is not None:
        return _load(name, bundle_path(name, root), None)
    version = active_version(name)
    return _load(name, version_path(name, version), None if version == SHIPPED else version)


def load_bundle_at(name: str, path: Path) -> Bundle:
    """The bundle in exactly this folder (a version folder is named by version, not name)."""
    return _load(name, path, None)


@lru_cache(maxsize=16)
def _load(name: str, path: Path, version: str | None) -> Bundle:
    try:
        return _read(name, path)
    except BundleError as exc:
        if version is None:
            raise
        raise BundleError(f"active version {version!r} of model {name!r} is unusable ({exc}); "
                          f"switch back with `propscope models use {name} shipped`") from None


load_bundle.cache_clear = _load.cache_clear  # type: ignore[attr-defined]


def _read(name: str, path: Path) -> Bundle:
    manifest_file, weights_file = path / "manifest.json", path / "weights.npz"
    if not manifest_file.is_file() or not weights_file.is_file():
        raise BundleError(f"model {name!r} not found in {path}; build it with `make models`")
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BundleError(f"model {name!r} has an unreadable manifest in {path}: {exc}") from None
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
