"""End to end, one test per seed: the structure a careful editor expects (../shared/gold)."""

from __future__ import annotations

import json

import pytest

from publisher.pipeline import convert_file
from publisher.write.json import source_to_dict

from .conftest import SHARED, seed_paths


def _gold(path):
    return json.loads((SHARED / "gold" / (path.stem + ".json")).read_text(encoding="utf-8"))


def _outline(doc: dict) -> list[str]:
    out = [doc["title"]] if doc["title"] else []
    for b in doc["blocks"]:
        if b["type"] == "heading":
            out.append(b["text"])
        elif b.get("lead"):
            out.append(b["lead"])
    return out


def _norm(text: str) -> str:
    return "".join(text.split()).strip("。．.；;：:，,！!？? ")


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_seed_outline_and_text(path):
    gold = _gold(path)
    result = source_to_dict(convert_file(path))
    docs = result["documents"]
    counts = gold.get("documents_alternative_count") or [len(gold["documents"])]
    assert len(docs) in counts
    got = [_norm(t) for d in docs for t in _outline(d)]
    want = []
    for d in gold["documents"]:
        for entry in d["outline"]:
            texts = entry["text"] if isinstance(entry["text"], list) else [entry["text"]]
            want.append({_norm(t) for t in texts})
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g in w
    text = "\n".join((d["title"] or "") + "\n" + "\n".join(b["text"] for b in d["blocks"]) for d in docs)
    for s in gold["must_contain"]:
        assert s in text
    for s in gold["must_not_contain"]:
        assert s not in text
    for gd, d in zip(gold["documents"], docs, strict=False):
        for key, value in gd.get("meta", {}).items():
            got_value = d["meta"].get(key)
            assert (sorted(got_value) == sorted(value)) if isinstance(value, list) else got_value == value
