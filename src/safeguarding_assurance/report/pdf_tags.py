"""Finishing the PDF's tags where WeasyPrint stops short: the scope of every table header.

WeasyPrint tags each ``<th>`` as a ``TH`` structure element and links data cells to
their headers, but gives a header no ``/Scope``, which PDF/UA checkers (and screen
readers that do not follow ``/Headers``) need. A header in a ``THead`` is a column
header; one in a ``TBody`` row is a row header (the report's tables have ``scope="col"``
and ``scope="row"`` exactly so). A table split across pages that comes out as a second
``Table`` element without its own ``Caption`` is joined to the table it continues, so
each table is one element with its caption.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject


def _kids(node: DictionaryObject) -> list[DictionaryObject]:
    k = node.get("/K")
    if k is None:
        return []
    items = k if isinstance(k, list) else [k]
    out = []
    for item in items:
        obj = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(obj, DictionaryObject) and "/S" in obj:
            out.append(obj)
    return out


def _kid_refs(node: DictionaryObject) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, list) else [k]


def _set_scope(cell: DictionaryObject, scope: str) -> None:
    attributes = cell.get("/A")
    attributes = attributes.get_object() if attributes is not None else DictionaryObject()
    attributes[NameObject("/O")] = NameObject("/Table")
    attributes[NameObject("/Scope")] = NameObject(scope)
    cell[NameObject("/A")] = attributes


def _scope_headers(table: DictionaryObject) -> int:
    count = 0
    for section in _kids(table):
        kind = section.get("/S")
        rows = _kids(section) if kind in ("/THead", "/TBody", "/TFoot") else [section]
        for row in rows:
            for cell in _kids(row):
                if cell.get("/S") == "/TH":
                    _set_scope(cell, "/Column" if kind == "/THead" else "/Row")
                    count += 1
    return count


def _join_continuations(root: DictionaryObject) -> int:
    """Join each caption-less Table into the Table before it in document order.

    Every table the report writes has a caption, so a Table without one is the rest of
    a table split across pages. WeasyPrint may put the continuation in a different
    branch of the tree (its own copy of the wrapping blocks), so the table it continues
    is found in reading order, not among its siblings.
    """
    joined = 0
    previous_table: DictionaryObject | None = None

    def visit(parent: DictionaryObject) -> None:
        nonlocal joined, previous_table
        kept, changed = [], False
        for ref in _kid_refs(parent):
            node = ref.get_object() if hasattr(ref, "get_object") else ref
            if not isinstance(node, DictionaryObject) or "/S" not in node:
                kept.append(ref)
                continue
            if node.get("/S") == "/Table":
                has_caption = any(c.get("/S") == "/Caption" for c in _kids(node))
                if not has_caption and previous_table is not None:
                    extra = _kid_refs(node)
                    for child in extra:
                        obj = child.get_object() if hasattr(child, "get_object") else child
                        if isinstance(obj, DictionaryObject):
                            obj[NameObject("/P")] = previous_table.indirect_reference
                    previous_table[NameObject("/K")] = ArrayObject(
                        [*_kid_refs(previous_table), *extra]
                    )
                    joined += 1
                    changed = True
                    continue
                previous_table = node
            kept.append(ref)
            visit(node)
        if changed:
            parent[NameObject("/K")] = ArrayObject(kept)

    visit(root)
    return joined


def finish_table_tags(path: Path) -> tuple[int, int]:
    """Give every table header its scope and join split tables; return (headers, joins)."""
    path = Path(path)
    # an incremental update: the file as WeasyPrint wrote it, then the changed tags
    writer = PdfWriter(path, incremental=True)
    root = writer.root_object.get("/StructTreeRoot")
    if root is None:
        return 0, 0
    root = root.get_object()
    joins = _join_continuations(root)
    headers = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.get("/S") == "/Table":
            headers += _scope_headers(node)
        stack.extend(_kids(node))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        with open(tmp, "wb") as out:
            writer.write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return headers, joins
