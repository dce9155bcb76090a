"""Label Studio JSON: one task per article (data.text = Article.text), one annotation per
author, one result per correction.

Span corrections are `labels` regions (value.start/end/text/labels, the label shown being
the one the analyst left: the new label of a relabel); paragraph and document verdicts are
`choices`. Every result carries the full correction in `meta.propscope`, so our own export
imports back field for field. A plain Label Studio export (no meta) imports its `labels`
regions as span additions by the annotation's author (or --author).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from propscope.review.limits import MAX_RECORDS, ImportFileError, decode, read_capped
from propscope.review.parsed import Articles, Parsed
from propscope.review.records import from_json, parse_time, to_json
from propscope.schema import Article, article_id
from propscope.schema.review import Correction, CorrectionError, text_version


def _result(c: Correction, text: str) -> dict[str, Any]:
    label = c.new_label if c.action == "relabel" else c.technique
    meta = {"text": [c.note] if c.note else [], "propscope": to_json(c)}
    if c.target == "span":
        value: dict[str, Any] = {"start": c.start, "end": c.end, "text": text[c.start:c.end],
                                 "labels": [label]}
        return {"id": c.id, "from_name": "technique", "to_name": "text", "type": "labels",
                "value": value, "meta": meta}
    return {"id": c.id, "from_name": c.target, "to_name": "text", "type": "choices",
            "value": {"choices": [label]}, "meta": meta}


def to_tasks(items: Iterable[tuple[Article, list[Correction]]]) -> list[dict[str, Any]]:
    tasks = []
    for art, corrs in items:
        by_author: dict[str, list[Correction]] = defaultdict(list)
        for c in corrs:
            by_author[c.author].append(c)
        annotations = [{"completed_by": author, "created_at": to_json(cs[-1])["created_at"],
                        "result": [_result(c, art.text) for c in cs]}
                       for author, cs in sorted(by_author.items())]
        tasks.append({"data": {"text": art.text, "title": art.title, "article_id": art.id,
                               "article_version": text_version(art.text)},
                      "annotations": annotations})
    return tasks


def write_labelstudio(items: Iterable[tuple[Article, list[Correction]]], out: Path) -> int:
    tasks = to_tasks(items)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    return sum(len(a["result"]) for t in tasks for a in t["annotations"])


def _plain(region: dict[str, Any], task: dict[str, Any], author: str | None,
           created: object, articles: Articles) -> list[Correction]:
    """A region Label Studio made itself: its labels become span additions."""
    if region.get("type") != "labels":
        raise CorrectionError(f"a {region.get('type')!r} result without propscope meta")
    value = region.get("value")
    if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
        raise CorrectionError("value.labels must be a list")
    text = task["data"]["text"]
    aid = str(task["data"].get("article_id") or article_id(text))
    art = articles.article(aid)
    if art is not None and "text" in value and art.text[value.get("start", 0):value.get("end", 0)] != value["text"]:
        raise CorrectionError("value.text is not the stored text at value.start..end")
    when = parse_time(created) if isinstance(created, str) else None
    return [from_json({"article_id": aid, "article_version": text_version(text), "target": "span",
                       "action": "add", "technique": label, "start": value.get("start"),
                       "end": value.get("end"), "author": author or "",
                       **({"created_at": when.isoformat()} if when else {})}, author=author)
            for label in value["labels"]]


def _annotation(task: dict[str, Any], ann: object, where: str, author: str | None,
                articles: Articles) -> list[Parsed]:
    if not isinstance(ann, dict) or not isinstance(ann.get("result"), list):
        return [Parsed(where, None, "an annotation needs a result list")]
    who = ann.get("completed_by")
    who = who if isinstance(who, str) and who.strip() else author
    out = []
    for r, region in enumerate(ann["result"], 1):
        origin = f"{where} result {r}"
        try:
            if not isinstance(region, dict):
                raise CorrectionError("a result must be an object")
            meta = region.get("meta")
            if isinstance(meta, dict) and "propscope" in meta:
                out.append(Parsed(origin, from_json(meta["propscope"], author=author)))
            else:
                out += [Parsed(origin, c) for c in _plain(region, task, who, ann.get("created_at"), articles)]
        except (CorrectionError, TypeError) as exc:
            out.append(Parsed(origin, None, str(exc)[:300]))
    return out


def read_labelstudio(path: Path, articles: Articles, author: str | None = None) -> list[Parsed]:
    try:
        tasks = json.loads(decode(read_capped(path), path))
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(f"{path}: not JSON ({str(exc)[:200]})") from None
    tasks = [tasks] if isinstance(tasks, dict) else tasks
    if not isinstance(tasks, list):
        raise ImportFileError(f"{path}: expected a list of Label Studio tasks")
    out: list[Parsed] = []
    for t, task in enumerate(tasks, 1):
        where = f"task {t}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            out.append(Parsed(where, None, "a task needs data.text"))
            continue
        anns = task.get("annotations", [])
        for a, ann in enumerate(anns if isinstance(anns, list) else [None], 1):
            out += _annotation(task, ann, f"{where} annotation {a}", author, articles)
        if len(out) > MAX_RECORDS:
            raise ImportFileError(f"{path}: more than {MAX_RECORDS} records")
    return out
