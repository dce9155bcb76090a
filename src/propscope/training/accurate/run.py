"""One fold of the accurate tier: fine-tune on the other folds, score the held-out one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from propscope.training.accurate import finetune as ft
from propscope.training.accurate.units import load_units


def check_layers(bert: torch.nn.Module, ids: list[list[int]]) -> None:
    """The hand-rolled layer loop must equal the library forward (mask format drifts across
    transformers versions)."""
    x, am = ft.pad(ids)
    with torch.no_grad():
        ref = bert(input_ids=x, attention_mask=am).last_hidden_state
        h = bert.embeddings(input_ids=x)
        for layer in bert.encoder.layer:
            h = layer(h, attention_mask=ft.additive_mask(am))
    m = am.bool()
    err = float((ref[m] - h[m]).abs().max())
    if err > 1e-3:
        raise RuntimeError(f"layer loop differs from the model forward by {err}")


def run_fold(k: int, work: Path, threads: int, log: Callable[[str], None]) -> None:
    torch.set_num_threads(threads)
    torch.manual_seed(ft.HP["seed"])
    u = load_units("en")
    log(f"fold {k}: {len(u.texts)} English units, {len(u.arts)} articles, HP {ft.HP}")
    ids = ft.tokenize(u.texts, ft.HP["max_len"])
    bert = ft.load_encoder().eval()
    check_layers(bert, [ids[0], ids[1][:7]])
    for p in bert.parameters():
        p.requires_grad_(False)
    for p in bert.encoder.layer[ft.HP["frozen"]:].parameters():
        p.requires_grad_(True)
    cached = ft.cache_frozen(bert, ids, ft.HP["frozen"], log)
    tr = np.where(u.fold != k)[0] if k >= 0 else np.arange(len(u.texts))
    te = np.where(u.fold == k)[0] if k >= 0 else np.zeros(0, dtype=np.int64)
    layers, head = ft.train_top(bert, cached, u.y, tr, work / f"ckpt_fold{k}.pt", log)
    torch.save({"layers": layers.state_dict(), "head": head.state_dict(), "hp": ft.HP}, work / f"model_fold{k}.pt")
    if len(te):
        logits = ft.predict_top(layers, head, cached, te)
        np.savez(work / f"acc_fold{k}.npz", idx=te, logits=logits, y=u.y[te], article=u.article[te])
        from propscope.training.thresholds import micro_f1

        p = 1 / (1 + np.exp(-logits))
        log(f"fold {k} held-out micro-F1 at 0.5 (monitor only): {micro_f1(u.y[te], p >= 0.5):.4f}")
    log(f"fold {k} done")
