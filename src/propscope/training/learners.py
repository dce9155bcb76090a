"""Multi-label learners trained with torch (training only) and exported as numpy arrays.

All 23 techniques share one network, so label co-occurrence is learned for free, and a
whole fold trains in seconds on a CPU. Seeds are fixed and torch runs single-batch-order
deterministic, so `make models` rebuilds the same weights.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp
import torch


def _pos_weight(y: np.ndarray) -> torch.Tensor:
    rate = np.clip(y.mean(axis=0), 1e-4, 1.0)
    return torch.tensor(np.clip((1 - rate) / rate, 1, 30) ** 0.5, dtype=torch.float32)


def train_mlp(x: np.ndarray, y: np.ndarray, *, hidden: int, epochs: int, dropout: float,
              seed: int, lr: float = 1e-3, weight_decay: float = 1e-2) -> list[tuple[np.ndarray, np.ndarray]]:
    """Dense inputs -> [hidden ReLU] -> logits; `hidden=0` gives a linear model."""
    torch.manual_seed(seed)
    xt = torch.tensor(x, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.float32)
    if hidden:
        net = torch.nn.Sequential(torch.nn.Dropout(dropout / 2), torch.nn.Linear(x.shape[1], hidden),
                                  torch.nn.ReLU(), torch.nn.Dropout(dropout), torch.nn.Linear(hidden, y.shape[1]))
    else:
        net = torch.nn.Sequential(torch.nn.Dropout(dropout), torch.nn.Linear(x.shape[1], y.shape[1]))
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=weight_decay)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=_pos_weight(y))
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        net.train()
        perm = torch.randperm(len(xt), generator=gen)
        for i in range(0, len(xt), 128):
            b = perm[i : i + 128]
            opt.zero_grad()
            loss_fn(net(xt[b]), yt[b]).backward()
            opt.step()
    linears = [m for m in net if isinstance(m, torch.nn.Linear)]
    return [(m.weight.detach().numpy().T.copy(), m.bias.detach().numpy().copy()) for m in linears]


def _train_bag(x: sp.csr_matrix, n_out: int, loss: Callable[[torch.Tensor, np.ndarray], torch.Tensor], *,
               epochs: int, seed: int, lr: float, batch: int,
               active: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A linear layer over sparse rows as an EmbeddingBag with sparse gradients: a batch only
    touches the features present in it, so an epoch over 250k features takes seconds.

    `active` (one bool per row, default all): batches are cut from the permutation of all
    rows, then only the active rows of each batch are used (a batch with none is skipped).
    Two fits over the same rows with different `active` sets share their random numbers
    (permutation and batch boundaries), while an inactive row is never seen: not even
    SparseAdam's moment step on its features, which a row with a zero loss would still get."""
    torch.manual_seed(seed)
    x = x.tocsr()
    bag = torch.nn.EmbeddingBag(x.shape[1], n_out, mode="sum", sparse=True)
    torch.nn.init.zeros_(bag.weight)
    bias = torch.nn.Parameter(torch.zeros(n_out))
    opt_sparse = torch.optim.SparseAdam(list(bag.parameters()), lr=lr)
    opt_bias = torch.optim.Adam([bias], lr=lr)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        perm = torch.randperm(x.shape[0], generator=gen).numpy()
        for i in range(0, x.shape[0], batch):
            rows = perm[i : i + batch]
            if active is not None:
                rows = rows[active[rows]]
                if not len(rows):
                    continue
            sub = x[rows]
            out = bag(torch.tensor(sub.indices, dtype=torch.int64), torch.tensor(sub.indptr[:-1], dtype=torch.int64),
                      per_sample_weights=torch.tensor(sub.data, dtype=torch.float32)) + bias
            opt_sparse.zero_grad()
            opt_bias.zero_grad()
            loss(out, rows).backward()
            opt_sparse.step()
            opt_bias.step()
    return bag.weight.detach().numpy().copy(), bias.detach().numpy().copy()


def train_sparse_linear(x: sp.csr_matrix, y: np.ndarray, *, epochs: int, seed: int,
                        lr: float = 2e-3) -> tuple[np.ndarray, np.ndarray]:
    """Linear multi-label model over sparse TF-IDF rows."""
    yt = torch.tensor(y, dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=_pos_weight(y))
    return _train_bag(x, y.shape[1], lambda out, rows: loss_fn(out, yt[rows]),
                      epochs=epochs, seed=seed, lr=lr, batch=256)


def train_masked_sparse_linear(x: sp.csr_matrix, y: np.ndarray, mask: np.ndarray, *, epochs: int, seed: int,
                               lr: float = 5e-3, batch: int = 1024,
                               active: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Linear multi-label model over binary sparse rows, where only `mask`-ed cells count.

    For the span tagger: a token teaches technique j something only when its paragraph
    carries j, because the tagger is only ever asked where j is, not whether. `active`: as
    in `_train_bag` (default: every row).
    """
    yt = torch.tensor(y, dtype=torch.float32)
    mt = torch.tensor(mask, dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")

    def masked(out: torch.Tensor, rows: np.ndarray) -> torch.Tensor:
        m = mt[rows]
        return (loss_fn(out, yt[rows]) * m).sum() / m.sum().clamp(min=1.0)

    return _train_bag(x, y.shape[1], masked, epochs=epochs, seed=seed, lr=lr, batch=batch, active=active)


def fit_platt(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-label a, b so that sigmoid(a*logit(p)+b) is calibrated on out-of-fold scores."""
    from sklearn.linear_model import LogisticRegression

    from propscope.models.nn import logit

    a = np.ones(p.shape[1], dtype=np.float32)
    b = np.zeros(p.shape[1], dtype=np.float32)
    z = logit(p)
    for j in range(p.shape[1]):
        if 0 < y[:, j].sum() < len(y):
            m = LogisticRegression(C=100.0).fit(z[:, [j]], y[:, j])
            a[j], b[j] = float(m.coef_[0, 0]), float(m.intercept_[0])
    return a, b
