"""Fine-tune MiniLM-L6 for paragraph multi-label technique classification on 2 CPU cores.

Why the bottom layers are frozen and cached: a full fine-tune step costs ~3x a forward pass
of all six layers, which on this machine is ~25 min per epoch for the English folds. The
embeddings and the first `FROZEN` layers keep their pretrained weights; their output for
every line is computed once (forward only) and stored in fp16, and the epochs train only
the top layers and the head. Checkpoints after every `CKPT_EVERY` batches make a pause
(SIGSTOP by a benchmarking helper) or a crash cost minutes, not the run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch

HP: dict[str, Any] = {"frozen": 4, "max_len": 128, "epochs": 2, "batch": 16, "lr": 5e-5,
                      "head_lr": 2e-3, "warmup": 0.06, "dropout": 0.1, "seed": 0}
CKPT_EVERY = 60
#: If this file exists in the work folder, training stops after the next checkpoint and the
#: run goes on to prediction (the learning-rate schedule is then cut short: logged).
STOP_FILE = "STOP"


def load_encoder() -> torch.nn.Module:
    from transformers import AutoModel

    from propscope.training.accurate.units import tokenizer_dir

    return AutoModel.from_pretrained(str(tokenizer_dir()), attn_implementation="eager")


def tokenize(texts: list[str], max_len: int) -> list[list[int]]:
    from tokenizers import Tokenizer

    from propscope.training.accurate.units import tokenizer_dir

    tok = Tokenizer.from_file(str(tokenizer_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_len)
    return [e.ids for e in tok.encode_batch(texts)]


def additive_mask(am: torch.Tensor) -> torch.Tensor:
    return (1.0 - am[:, None, None, :].float()) * torch.finfo(torch.float32).min


def pad(ids: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    n = max(len(x) for x in ids)
    out = torch.zeros(len(ids), n, dtype=torch.long)
    am = torch.zeros(len(ids), n, dtype=torch.long)
    for i, x in enumerate(ids):
        out[i, : len(x)] = torch.tensor(x)
        am[i, : len(x)] = 1
    return out, am


def batches(lengths: np.ndarray, idx: np.ndarray, size: int) -> list[np.ndarray]:
    """Length-sorted buckets: padding inside a batch stays small."""
    order = idx[np.argsort(lengths[idx], kind="stable")]
    return [order[i : i + size] for i in range(0, len(order), size)]


class Head(torch.nn.Module):
    """Mean pooling over real tokens, as all-MiniLM-L6-v2 was trained, then one linear layer."""

    def __init__(self, n_labels: int, dropout: float):
        super().__init__()
        self.drop = torch.nn.Dropout(dropout)
        self.out = torch.nn.Linear(384, n_labels)

    def forward(self, h: torch.Tensor, am: torch.Tensor) -> torch.Tensor:
        m = am.unsqueeze(-1).float()
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.out(self.drop(pooled))


def cache_frozen(bert: torch.nn.Module, ids: list[list[int]], frozen: int, log: Callable[[str], None]) -> list[torch.Tensor]:
    """Output of embeddings + the first `frozen` layers per line, fp16, unpadded."""
    out: list[torch.Tensor] = [torch.empty(0)] * len(ids)
    lengths = np.array([len(x) for x in ids])
    t0 = time.perf_counter()
    with torch.no_grad():
        for bi, b in enumerate(batches(lengths, np.arange(len(ids)), 64)):
            x, am = pad([ids[i] for i in b])
            h = bert.embeddings(input_ids=x)
            mask = additive_mask(am)
            for layer in bert.encoder.layer[:frozen]:
                h = layer(h, attention_mask=mask)
            for j, i in enumerate(b):
                out[i] = h[j, : lengths[i]].to(torch.float16).clone()
            if bi % 20 == 0:
                log(f"  cache batch {bi}, {time.perf_counter() - t0:.0f}s")
    return out


def top_forward(layers: torch.nn.ModuleList, head: Head, cached: list[torch.Tensor], b: np.ndarray) -> torch.Tensor:
    n = max(cached[i].shape[0] for i in b)
    h = torch.zeros(len(b), n, 384)
    am = torch.zeros(len(b), n, dtype=torch.long)
    for j, i in enumerate(b):
        h[j, : cached[i].shape[0]] = cached[i].float()
        am[j, : cached[i].shape[0]] = 1
    mask = additive_mask(am)
    for layer in layers:
        h = layer(h, attention_mask=mask)
    return head(h, am)


def pos_weight(y: np.ndarray) -> torch.Tensor:
    rate = np.clip(y.mean(axis=0), 1e-4, 1.0)
    return torch.tensor(np.clip((1 - rate) / rate, 1, 30) ** 0.5, dtype=torch.float32)


def train_top(bert: torch.nn.Module, cached: list[torch.Tensor], y: np.ndarray, tr: np.ndarray,
              ckpt: Path, log: Callable[[str], None]) -> tuple[torch.nn.ModuleList, Head]:
    torch.manual_seed(HP["seed"])
    layers = bert.encoder.layer[HP["frozen"]:]
    head = Head(y.shape[1], HP["dropout"])
    params = [{"params": layers.parameters(), "lr": HP["lr"]}, {"params": head.parameters(), "lr": HP["head_lr"]}]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    lengths = np.array([c.shape[0] for c in cached])
    per_epoch = math.ceil(len(tr) / HP["batch"])
    total = per_epoch * HP["epochs"]
    warm = max(1, int(HP["warmup"] * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight(y[tr]))
    yt = torch.tensor(y, dtype=torch.float32)
    step = 0
    if ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        layers.load_state_dict(state["layers"])
        head.load_state_dict(state["head"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step = state["step"]
        torch.set_rng_state(state["rng"])
        log(f"  resumed at step {step}/{total}")
    t0, run = time.perf_counter(), 0.0
    for epoch in range(step // per_epoch, HP["epochs"]):
        rng = np.random.RandomState(HP["seed"] + epoch)
        plan = batches(lengths, tr, HP["batch"])
        plan = [plan[i] for i in rng.permutation(len(plan))]
        layers.train()
        head.train()
        for bi in range(step - epoch * per_epoch, per_epoch):
            b = plan[bi]
            loss = loss_fn(top_forward(layers, head, cached, b), yt[b])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(layers.parameters()) + list(head.parameters()), 1.0)
            opt.step()
            sched.step()
            step += 1
            run = 0.98 * run + 0.02 * loss.item() if run else loss.item()
            if step % CKPT_EVERY == 0 or step == total:
                torch.save({"layers": layers.state_dict(), "head": head.state_dict(), "opt": opt.state_dict(),
                            "sched": sched.state_dict(), "step": step, "rng": torch.get_rng_state()}, ckpt)
                log(f"  step {step}/{total} epoch {epoch} loss {run:.4f} {time.perf_counter() - t0:.0f}s")
                if (ckpt.parent / STOP_FILE).exists():
                    log(f"  stop file found: training cut at step {step}/{total}")
                    return layers, head
    return layers, head


def predict_top(layers: torch.nn.ModuleList, head: Head, cached: list[torch.Tensor], idx: np.ndarray) -> np.ndarray:
    layers.eval()
    head.eval()
    lengths = np.array([c.shape[0] for c in cached])
    out = np.zeros((len(cached), head.out.out_features), dtype=np.float32)
    with torch.no_grad():
        for b in batches(lengths, idx, 64):
            out[b] = top_forward(layers, head, cached, b).numpy()
    return out[idx]
