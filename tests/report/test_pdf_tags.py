"""PDF table tags: every header has its scope, and a table split across pages stays one table."""

from __future__ import annotations

from pypdf import PdfReader

from safeguarding_assurance.report.pdf import write_pdf


def _structure(path) -> list[tuple[str, list[str], int]]:
    """(tag, kids' tags, headers with a scope) for every Table, in reading order."""
    reader = PdfReader(path)
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    found = []

    def kids(node):
        k = node.get("/K")
        items = [] if k is None else k if isinstance(k, list) else [k]
        objs = [i.get_object() for i in items if hasattr(i, "get_object")]
        return [o for o in objs if isinstance(o, dict) and "/S" in o]

    def scoped(node) -> tuple[int, int]:
        headers = with_scope = 0
        for k in kids(node):
            if k.get("/S") == "/TH":
                headers += 1
                attributes = k.get("/A")
                with_scope += attributes is not None and "/Scope" in attributes.get_object()
            h, w = scoped(k)
            headers, with_scope = headers + h, with_scope + w
        return headers, with_scope

    def walk(node):
        for k in kids(node):
            if k.get("/S") == "/Table":
                found.append(([c.get("/S") for c in kids(k)], *scoped(k)))
            walk(k)

    walk(root)
    return found


def _table(rows: int) -> str:
    body = "".join(
        f'<tr><th scope="row">Row {i}</th><td>{"words " * 40}</td></tr>' for i in range(rows)
    )
    return (
        '<div class="a"><div class="b"><div class="table-wrap"><table>'
        "<caption>A long table</caption>"
        '<thead><tr><th scope="col">Row</th><th scope="col">Text</th></tr></thead>'
        f"<tbody>{body}</tbody></table><p>A note.</p></div></div></div>"
    )


def test_a_table_split_across_pages_in_nested_blocks_is_one_captioned_table(tmp_path):
    markup = (
        '<html lang="en-GB"><head><title>t</title></head><body><h1>Report</h1>'
        f"{_table(60)}{_table(2)}</body></html>"
    )
    path = tmp_path / "report.pdf"
    write_pdf(markup, path)
    assert len(PdfReader(path).pages) > 1  # the first table did break across pages
    tables = _structure(path)
    assert len(tables) == 2  # the continuation joined to the table it continues
    for tags, headers, with_scope in tables:
        assert tags[0] == "/Caption"
        assert headers and with_scope == headers


def test_print_markup_leaves_out_only_what_print_hides():
    from safeguarding_assurance.report.pdf import print_markup

    markup = (
        "<h2>Chapter</h2>"
        '<details class="detail" id="detail-t"><summary>T</summary><table><tr><td>1</td>'
        "</tr></table></details>"
        '<figure class="chart print-detail" id="figure-a"><img src="data:image/png;base64,AA"/>'
        "</figure>"
        '<p class="print-only detail-where">A. Chart in the HTML report.</p>'
        '<figure class="chart" id="figure-b"><img src="data:image/png;base64,BB"/></figure>'
    )
    assert print_markup(markup) == (
        "<h2>Chapter</h2>"
        '<p class="print-only detail-where">A. Chart in the HTML report.</p>'
        '<figure class="chart" id="figure-b"><img src="data:image/png;base64,BB"/></figure>'
    )
