"""Token features for the span tagger, shared by training and inference.

A token is a word or a single punctuation mark, with character offsets in its unit. Its
features are the words around it (gold spans of loaded language are one to three words, so
a ±2 window with bigrams covers most of them), prefix and suffix (inflected languages spread
one loaded word over many forms), its shape, whether it sits inside quotation marks, where
it is in its sentence, and how the sentence ends (doubt is asked, slogans are exclaimed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]")
_OPEN_QUOTES = frozenset("«„“")
_CLOSE_QUOTES = frozenset("»”")
_PLAIN_QUOTES = frozenset('"')
_SENTENCE_END = frozenset(".!?…")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d"
    if not tok[0].isalnum():
        return "p"
    if tok.isupper() and len(tok) > 1:
        return "X"
    return "Xx" if tok[0].isupper() else "x"


def _quote_flags(tokens: list[Token]) -> list[bool]:
    inside, plain, out = 0, False, []
    for t in tokens:
        c = t.text
        if c in _OPEN_QUOTES:
            inside += 1
        elif c in _CLOSE_QUOTES:
            inside = max(0, inside - 1)
        elif c in _PLAIN_QUOTES:
            plain = not plain
        out.append(bool(inside) or plain)
    return out


def _ends_sentence(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] (a stop) ends a sentence: not "Gen." / "U.S." / "т.", not "...and"."""
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if nxt in _SENTENCE_END:
        return False  # "?!" or "...": the last one ends it
    if tokens[i].text == "." and i > 0:
        prev = tokens[i - 1].text
        if prev[0].isalpha() and (len(prev) == 1 or (len(prev) <= 3 and prev[0].isupper())):
            return False
    return not nxt or not nxt[0].islower()


def sentence_ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges of sentences; closing quotes after the stop stay with the sentence."""
    quoted = _quote_flags(tokens)
    out, start, i = [], 0, 0
    while i < len(tokens):
        if tokens[i].text in _SENTENCE_END and _ends_sentence(tokens, i):
            # a closing mark: », ”, ) or a plain quote that closes an open one
            while i + 1 < len(tokens) and (tokens[i + 1].text in _CLOSE_QUOTES or tokens[i + 1].text == ")"
                                           or (tokens[i + 1].text in _PLAIN_QUOTES and quoted[i])):
                i += 1
            out.append((start, i + 1))
            start = i + 1
        i += 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


def token_features(tokens: list[Token]) -> list[list[str]]:
    low = [t.text.lower() for t in tokens]
    pad = ["<s>", "<s>"] + low + ["</s>", "</s>"]
    quoted = _quote_flags(tokens)
    feats: list[list[str]] = [[] for _ in tokens]
    for s, e in sentence_ranges(tokens):
        enders = [t.text for t in tokens[s:e] if t.text in _SENTENCE_END]
        ender = enders[-1] if enders else "none"
        for i in range(s, e):
            w = low[i]
            f = feats[i]
            f += [f"w={w}", f"p1={pad[i + 1]}", f"n1={pad[i + 3]}", f"p2={pad[i]}", f"n2={pad[i + 4]}",
                  f"b={pad[i + 1]}|{w}", f"bn={w}|{pad[i + 3]}", f"s={_shape(tokens[i].text)}",
                  f"end={ender}", f"pos={min(i - s, 6)}", f"rpos={min(e - 1 - i, 6)}", f"slen={min(e - s, 40) // 8}"]
            if len(w) > 4:
                f += [f"pre={w[:4]}", f"suf={w[-3:]}"]
            if quoted[i]:
                f += ["q", f"qw={w}"]
    return feats


__all__ = ["Token", "sentence_ranges", "token_features", "tokenize"]
