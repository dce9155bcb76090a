"""Export a fine-tuned fold model to ONNX (ids -> 23 logits) and quantize it to int8.

Mean pooling and the head go inside the graph, so inference is one `session.run` and a
sigmoid. Dynamic int8 quantization (per-channel weights, activations quantized per call)
needs no calibration set and suits variable sequence lengths; `build` checks that it does
not cost held-out F1 before shipping it.
"""

from __future__ import annotations

from pathlib import Path

import torch

from propscope.training.accurate import finetune as ft

OPSET = 17


class Classifier(torch.nn.Module):
    """The whole model for export; forward takes keyword-free tensors (ONNX needs positional)."""

    def __init__(self, bert: torch.nn.Module, head: ft.Head):
        super().__init__()
        self.bert = bert
        self.head = head

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        h = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(h, attention_mask)


def load_classifier(weights: Path) -> Classifier:
    state = torch.load(weights, weights_only=False)
    bert = ft.load_encoder().eval()
    bert.encoder.layer[state["hp"]["frozen"]:].load_state_dict(state["layers"])
    head = ft.Head(state["head"]["out.weight"].shape[0], state["hp"]["dropout"])
    head.load_state_dict(state["head"])
    return Classifier(bert, head).eval()


def export_onnx(model: Classifier, fp32: Path, int8: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    ids = torch.ones(2, 16, dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids)), str(fp32), dynamo=False, opset_version=OPSET,
                          input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                        "attention_mask": {0: "batch", 1: "seq"}, "logits": {0: "batch"}})
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
