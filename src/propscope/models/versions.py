"""Versions of a model: the shipped bundle plus retrained ones, and which one is active.

A retrained version is written next to, never over, what it replaces: the shipped bundle
stays in the package and every feedback version keeps its folder, so `propscope models
use NAME VERSION` can always switch back. The ACTIVE pointer is replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.models import accurate
from propscope.models.bundle import (
    ACTIVE_FILE,
    BUNDLE_DIR,
    SHIPPED,
    VERSION_RE,
    BundleError,
    active_version,
    load_bundle,
    load_bundle_at,
    models_dir,
    save_bundle,
    version_path,
)

#: The accurate tier's re-fit heads (techniques-accurate-<lang>) are versioned like the rest.
MODEL_NAMES: tuple[str, ...] = ("techniques", "spans", "genre", "frames",
                                *(accurate.model_name(x) for x in accurate.available_languages()))


@dataclass(frozen=True)
class VersionInfo:
    name: str
    version: str
    path: Path
    manifest: dict[str, Any] | None  # None: unreadable
    active: bool

    @property
    def summary(self) -> str:
        m = self.manifest or {}
        fb = m.get("feedback") or {}
        if self.manifest is None:
            return "unreadable"
        if not fb:
            return f"built {m.get('built', '?')} ({m.get('command', '?')})"
        return (f"built {m.get('built', '?')}, {fb.get('corrections', {}).get('count', 0)} corrections, "
                f"held-out micro-F1 {fb.get('held_out', {}).get('old_micro_f1')} -> "
                f"{fb.get('held_out', {}).get('new_micro_f1')}, {fb.get('decision', '?')}")


def _manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    weights = (path / "weights.npz").is_file() or (path / "model.onnx").is_file()  # accurate: ONNX
    return data if isinstance(data, dict) and weights else None


def list_versions(name: str) -> list[VersionInfo]:
    """Shipped first, then retrained versions oldest first (their ids sort by time)."""
    try:
        current: str | None = active_version(name)
    except BundleError:
        current = None
    out = [VersionInfo(name, SHIPPED, BUNDLE_DIR / name, _manifest(BUNDLE_DIR / name), current == SHIPPED)]
    folder = models_dir() / name
    if folder.is_dir():
        for path in sorted(p for p in folder.iterdir() if p.is_dir() and VERSION_RE.match(p.name)):
            out.append(VersionInfo(name, path.name, path, _manifest(path), current == path.name))
    return out


def use_version(name: str, version: str) -> Path:
    """Make `version` active after checking it loads; returns the ACTIVE file."""
    if name not in MODEL_NAMES:
        raise BundleError(f"unknown model {name!r}; expected one of: {', '.join(MODEL_NAMES)}")
    if version != SHIPPED and not VERSION_RE.match(version):
        raise BundleError(f"not a version name: {version[:80]!r}")
    if version != SHIPPED and not version_path(name, version).is_dir():
        raise BundleError(f"{name} has no version {version!r}; `propscope models list {name}` shows them")
    if name.startswith(accurate.PREFIX):
        accurate.check(version_path(name, version))  # raises BundleError if broken
        _check_pairing(name, version)
    else:
        load_bundle_at(name, version_path(name, version))  # raises BundleError if broken
    pointer = models_dir() / name / ACTIVE_FILE
    pointer.parent.mkdir(parents=True, exist_ok=True)
    tmp = pointer.with_name(ACTIVE_FILE + ".tmp")
    tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(tmp, pointer)
    load_bundle.cache_clear()  # type: ignore[attr-defined]
    return pointer


def new_version_id(name: str, now: dt.datetime | None = None) -> str:
    """`fb-YYYYMMDDTHHMMSSZ`, with a counter when two retrains share a second."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("fb-%Y%m%dT%H%M%SZ")
    version, n = stamp, 1
    while (models_dir() / name / version).exists():
        n += 1
        version = f"{stamp}-{n}"
    return version


def save_version(name: str, version: str, manifest: dict[str, Any], arrays: dict[str, np.ndarray],
                 correction_ids: list[str]) -> Path:
    """Write a retrained version (never over an existing one) with the ids of the
    corrections it learned from, so a later retrain can rebuild its training data."""
    path = models_dir() / name / version
    if path.exists():
        raise BundleError(f"{path} exists; versions are never overwritten")
    save_bundle(path, manifest, arrays)
    (path / "corrections.txt").write_text("".join(i + "\n" for i in sorted(correction_ids)), encoding="utf-8")
    return path


def correction_ids_of(name: str, version: str) -> set[str]:
    """The corrections a version learned from (none for the shipped bundle)."""
    if version == SHIPPED:
        return set()
    path = version_path(name, version) / "corrections.txt"
    try:
        return {x for x in path.read_text(encoding="utf-8").split() if x}
    except OSError:
        raise BundleError(f"{path} is missing: cannot rebuild the training data of {name} {version}") from None


# -- the accurate tier's head follows the fast tier it was fit against ---------------------
# A re-fit head (training/feedback_accurate.py) weighs one fast-tier version's probabilities;
# over another version's its weights and thresholds mean something else. So a re-fit head is
# active only together with the techniques version it was fit against; the shipped head may
# run over any (what a fast-tier-only retrain gives, measured in docs/review.md).


def fit_against(name: str, version: str) -> str:
    """The techniques version the head `version` of accurate model `name` was fit against."""
    if version == SHIPPED:
        return SHIPPED
    m = _manifest(version_path(name, version)) or {}
    return str((m.get("ensemble") or {}).get("fast_version") or SHIPPED)


def _check_pairing(name: str, version: str) -> None:
    fast = fit_against(name, version)
    if version == SHIPPED or fast == active_version("techniques"):
        return
    raise BundleError(f"{name} {version} was fit against techniques {fast}, but techniques "
                      f"{active_version('techniques')} is active; `propscope models use techniques {fast}` "
                      "switches both")


def head_for(name: str, fast_version: str) -> str:
    """The newest head of `name` fit against `fast_version` that its retrain activated
    (or --force), else the shipped head."""
    if fast_version == SHIPPED:
        return SHIPPED
    for v in reversed(list_versions(name)[1:]):
        m = v.manifest or {}
        if (m.get("ensemble") or {}).get("fast_version") == fast_version \
                and (m.get("feedback") or {}).get("decision") in ("activated", "forced"):
            return v.version
    return SHIPPED


def follow_fast_tier(fast_version: str) -> list[tuple[str, str]]:
    """After techniques `fast_version` became active: point every accurate tier at its head
    (head_for). Returns the (model, version) pointers that changed."""
    changed = []
    for lang in accurate.available_languages():
        name = accurate.model_name(lang)
        want = head_for(name, fast_version)
        try:
            current: str | None = active_version(name)
        except BundleError:
            current = None
        if current != want:
            use_version(name, want)
            changed.append((name, want))
    return changed
