from __future__ import annotations
from dataclasses import dataclass, field
@dataclass
class Visible:
    blocks: list = field(default_factory=list)
def render_blocks(tree): return Visible()
def removed_blocks(visible, blocks): return "", []
