"""Multi-label learners trained with torch (training only) and exported as numpy arrays.

All 23 techniques share one network, so label co-occurrence is learned for free, and a
whole fold trains in seconds on a CPU. Seeds are fixed and torch runs single-batch-order
deterministic, so `make models` rebuilds the same weights.
"""

from __future__ import annotations

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


def train_sparse_linear(x: sp.csr_matrix, y: np.ndarray, *, epochs: int, seed: int,
                        lr: float = 2e-3) -> tuple[np.ndarray, np.ndarray]:
    """Linear multi-label model over sparse TF-IDF rows.

    An EmbeddingBag with sparse gradients touches only the n-grams present in a batch, which
    makes an epoch over 250k features take seconds instead of minutes.
    """
    torch.manual_seed(seed)
    x = x.tocsr()
    yt = torch.tensor(y, dtype=torch.float32)
    bag = torch.nn.EmbeddingBag(x.shape[1], y.shape[1], mode="sum", sparse=True)
    torch.nn.init.zeros_(bag.weight)
    bias = torch.nn.Parameter(torch.zeros(y.shape[1]))
    opt_sparse = torch.optim.SparseAdam(list(bag.parameters()), lr=lr)
    opt_bias = torch.optim.Adam([bias], lr=lr)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=_pos_weight(y))
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        perm = torch.randperm(x.shape[0], generator=gen).numpy()
        for i in range(0, x.shape[0], 256):
            sub = x[perm[i : i + 256]]
            out = bag(torch.tensor(sub.indices, dtype=torch.int64), torch.tensor(sub.indptr[:-1], dtype=torch.int64),
                      per_sample_weights=torch.tensor(sub.data, dtype=torch.float32)) + bias
            opt_sparse.zero_grad()
            opt_bias.zero_grad()
            loss_fn(out, yt[perm[i : i + 256]]).backward()
            opt_sparse.step()
            opt_bias.step()
    return bag.weight.detach().numpy().copy(), bias.detach().numpy().copy()


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
