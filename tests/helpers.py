"""Test-data generators: texts written here, never copied from ../shared."""

from __future__ import annotations

from pathlib import Path

TOWNS = ["Amberly", "Brightwater", "Coldharbour", "Dunmore", "Eastwick", "Fairhaven", "Glenrock"]


def news_text(i: int, paragraphs: int = 4) -> str:
    """A unique, plausible plain-text article (title line, blank line, paragraphs)."""
    town = TOWNS[i % len(TOWNS)]
    title = f"Council of {town} approves budget number {i} after a long debate"
    paras = [
        f"The council of {town} voted on Monday to approve spending plan {i}, ending weeks of "
        f"argument between the mayor and the opposition about roads, schools and taxes.",
        f"\"This budget protects families in {town},\" the mayor said after the vote, adding that "
        f"the plan number {i} would not raise local taxes this year.",
        f"Opposition members said the figures for item {i * 7} were unrealistic and warned that "
        f"the town could face a deficit before the end of the next financial year.",
        f"Residents will be able to comment on the plan at a public meeting next month, the "
        f"council said in a statement published on its website on Tuesday evening.",
    ][:paragraphs]
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def write_corpus(directory: Path, n: int, start: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = directory / f"article_{i:05d}.txt"
        p.write_text(news_text(i), encoding="utf-8")
        paths.append(p)
    return paths
