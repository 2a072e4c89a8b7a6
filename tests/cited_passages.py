"""Checking a registry fact's citation: the publication and the passage that states the fact.

A gender or home region in ``data/raw/candidates.csv`` cites a publication (publisher,
date, headline or address) and quotes the passage that states it — never a path into
``../shared/sources``. Where the project's stored copies (``../shared/sources``, beside the
project) hold the quoted words, they must be found there word for word (apostrophes,
dashes, ``...`` and line breaks aside); a publication not among them is accepted on its
citation alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nec_analysis.io import project_root

SHARED = project_root().parent / "shared" / "sources"
QUOTE = re.compile(r"'([^']+)'")
WHERE = re.compile(r"https?://\S+|address not known|headline not known")
DATE = re.compile(r"\b(19|20)\d\d\b")


def norm(text: str) -> str:
    """Fold the typographic differences between a quotation and its stored copy."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).casefold()


@lru_cache(maxsize=1)
def stored_texts() -> tuple[str, ...]:
    """Every stored copy of a publication (empty when ../shared/sources is not beside the project)."""
    if not SHARED.is_dir():
        return ()
    return tuple(norm(p.read_text(encoding="utf-8")) for p in sorted(SHARED.rglob("*.txt")))


def quoted(citation: str) -> list[str]:
    """The quoted fragments of ``citation`` (a ``...`` inside a quotation splits it)."""
    return [f.strip(" ,.…") for q in QUOTE.findall(citation) for f in re.split(r"\.\.\.|…", q) if f.strip(" ,.…")]


def problems(citation: str, stored: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with ``citation`` as a citation of a publication and a passage ([] if nothing)."""
    out = []
    if "shared/sources" in citation or "facts.csv" in citation:
        out.append("cites the project's source folder or research notes, not the publication")
    if not DATE.search(citation) or not WHERE.search(citation):
        out.append("names no date and address (or says the address is not known)")
    fragments = quoted(citation)
    if not fragments:
        out.append("quotes no passage")
    texts = stored or stored_texts()
    in_store = [f for f in fragments if any(norm(f) in t for t in texts)]
    if in_store and len(in_store) != len(fragments):
        out.append(f"quotes words not in the stored copy: {[f for f in fragments if f not in in_store]}")
    return out


def publication_is_stored(citation: str) -> bool:
    """Whether the quoted passage was found in a stored copy."""
    fragments = quoted(citation)
    return bool(fragments) and all(any(norm(f) in t for t in stored_texts()) for f in fragments)

