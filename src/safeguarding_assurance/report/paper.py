"""A small document model for the committee papers, written as Word (python-docx) and as HTML.

The cover report is built once as a :class:`Paper` (headings, numbered paragraphs, lists,
tables and images) and written twice, so the Word file and the HTML copy for review
always say the same thing. Text is never interpreted: the Word writer stores it as XML
text, the HTML writer escapes it.

Word accessibility: real Heading styles, each table's header row marked to repeat on
every page (and given a caption and description), alt text on every picture, the
document's title and language in its properties, and the language set on every run.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# house style of the default template: Arial, black headings (a council's template keeps its own)
FONT = "Arial"
NUMERIC = re.compile(r"'?[+-]?[\d,]+(\.\d+)?%?( \([\d.,]+%\))?")
SAFE_LINK = re.compile(r"(https?://|mailto:)[^\s<>\"']+", re.I)


@dataclass(frozen=True)
class Run:
    """A piece of text with its emphasis; ``href`` makes it a link (http, https or mailto only)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


def plain(*texts: str) -> tuple[Run, ...]:
    """Runs of plain text."""
    return tuple(Run(t) for t in texts if t)


def runs_text(runs: tuple[Run, ...]) -> str:
    """The runs as one plain string."""
    return "".join(r.text for r in runs)


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 is a numbered section of the cover report, 2 and 3 sub-headings."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, numbered like a committee report's (``4.2``) when ``number`` is given."""

    runs: tuple[Run, ...]
    number: str | None = None
    note: bool = False  # a "to be written" note: shown apart from the text


@dataclass(frozen=True)
class ListItems:
    """A bulleted or numbered list; ``levels`` (0 = top) gives each item's depth."""

    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False
    levels: tuple[int, ...] = ()

    def level(self, i: int) -> int:
        """The depth of item ``i``."""
        return self.levels[i] if i < len(self.levels) else 0


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``note`` is shown under it (it explains any shorthand)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Image:
    """A picture (PNG) with its alt text and a caption."""

    png: bytes
    alt: str
    caption: str


Block = Heading | Paragraph | ListItems | Table | Image


@dataclass
class Paper:
    """A whole document: title, the header table, the blocks, and its markings."""

    title: str
    details: list[tuple[str, tuple[str, ...]]]  # the header table: (field, lines)
    blocks: list[Block] = field(default_factory=list)
    markings: tuple[str, ...] = ()  # e.g. ("OFFICIAL-SENSITIVE", "DRAFT"): header and footer
    document_title: str = ""  # the file's title property (with the markings)
    subject: str = ""
    author: str = ""
    keywords: str = ""
    language: str = "en-GB"
    status: str = "draft"

    def text(self) -> str:
        """Every word of the document, in order (for checks and tests)."""
        parts = [self.title]
        for name, lines in self.details:
            parts += [name, *lines]
        for b in self.blocks:
            if isinstance(b, Heading):
                parts.append(b.text)
            elif isinstance(b, Paragraph):
                parts.append(((b.number + " ") if b.number else "") + runs_text(b.runs))
            elif isinstance(b, ListItems):
                parts += [runs_text(i) for i in b.items]
            elif isinstance(b, Table):
                parts += [b.caption, *b.columns, *(c for r in b.rows for c in r), b.note]
            elif isinstance(b, Image):
                parts += [b.alt, b.caption]
        return "\n".join(p for p in parts if p)


# characters XML 1.0 cannot hold (python-docx refuses them): C0 controls but tab, newline, CR
XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    return XML_UNSAFE.sub("", text)


def _safe_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    return tuple(replace(r, text=_safe(r.text)) for r in runs)


def _safe_block(block: Block) -> Block:
    if isinstance(block, Heading):
        return replace(block, text=_safe(block.text))
    if isinstance(block, Paragraph):
        return replace(block, runs=_safe_runs(block.runs))
    if isinstance(block, ListItems):
        return replace(block, items=tuple(_safe_runs(i) for i in block.items))
    if isinstance(block, Table):
        return Table(
            _safe(block.caption),
            tuple(_safe(c) for c in block.columns),
            tuple(tuple(_safe(c) for c in row) for row in block.rows),
            _safe(block.note),
        )
    return replace(block, alt=_safe(block.alt), caption=_safe(block.caption))


def safe_paper(paper: Paper) -> Paper:
    """The paper without characters a Word file cannot hold (control characters in the words)."""
    return replace(
        paper,
        title=_safe(paper.title),
        details=[(_safe(k), tuple(_safe(v) for v in lines)) for k, lines in paper.details],
        blocks=[_safe_block(b) for b in paper.blocks],
        document_title=_safe(paper.document_title),
        subject=_safe(paper.subject),
        author=_safe(paper.author),
        keywords=_safe(paper.keywords),
    )


def is_numeric(text: str) -> bool:
    """Whether a cell holds a number (right-aligned) or shorthand such as ``[c]``."""
    t = text.strip()
    return bool(NUMERIC.fullmatch(t)) or bool(re.fullmatch(r"\[[a-z]\]", t))


# ======================================================================== HTML

CSS = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5;
       color: #0b0c0c; max-width: 50rem; margin: 0 auto; padding: 1rem; }
.marking { font-weight: bold; text-align: center; border: 2px solid #0b0c0c;
           padding: 0.25rem; margin: 0.5rem 0; letter-spacing: 0.05em; }
h1 { font-size: 1.75rem; } h2 { font-size: 1.35rem; margin-top: 2rem; }
h3 { font-size: 1.15rem; } h4 { font-size: 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #505a5f; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
thead th { background: #f3f2f1; }
td.num, th.num { text-align: right; }
.details th { width: 30%; background: #f3f2f1; }
p.numbered { display: grid; grid-template-columns: 3.5rem 1fr; }
section > ul, section > ol { margin-left: 3.5rem; padding-left: 1.25rem; }
.para-number { font-weight: bold; }
.to-be-written { border-left: 4px solid #d4351c; padding-left: 0.5rem; font-style: italic; }
.table-note { font-size: 0.9rem; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
a { color: #1d70b8; }
"""


def _runs_html(runs: tuple[Run, ...]) -> str:
    out = []
    for r in runs:
        text = html.escape(r.text)
        if r.code:
            text = f"<code>{text}</code>"
        if r.italic:
            text = f"<em>{text}</em>"
        if r.bold:
            text = f"<strong>{text}</strong>"
        if r.href and SAFE_LINK.fullmatch(r.href):
            text = f'<a href="{html.escape(r.href, quote=True)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _table_html(t: Table, details: bool = False) -> str:
    esc = html.escape
    cls = ' class="details"' if details else ""
    parts = [f"<table{cls}><caption>{esc(t.caption)}</caption><thead><tr>"]
    for i, c in enumerate(t.columns):
        num = ' class="num"' if i and t.rows and all(is_numeric(r[i]) for r in t.rows) else ""
        parts.append(f'<th scope="col"{num}>{esc(c)}</th>')
    parts.append("</tr></thead><tbody>")
    for row in t.rows:
        parts.append("<tr>")
        for i, cell in enumerate(row):
            if i == 0:
                parts.append(f'<th scope="row">{esc(cell)}</th>')
            else:
                num = ' class="num"' if is_numeric(cell) else ""
                lines = "<br>".join(esc(x) for x in cell.split("\n"))
                parts.append(f"<td{num}>{lines}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if t.note:
        parts.append(f'<p class="table-note">{esc(t.note)}</p>')
    return "".join(parts)


def _list_html(block: ListItems) -> str:
    tag = "ol" if block.ordered else "ul"
    out, depth = [f"<{tag}>"], 0
    for i, item in enumerate(block.items):
        level = block.level(i)
        while depth < level:
            out.append(f"<{tag}>")
            depth += 1
        while depth > level:
            out.append(f"</{tag}>")
            depth -= 1
        out.append(f"<li>{_runs_html(item)}</li>")
    out += [f"</{tag}>"] * (depth + 1)
    return "".join(out)


def paper_html(paper: Paper) -> str:
    """The paper as one self-contained, accessible HTML page (``lang`` from the paper)."""
    import base64

    paper = safe_paper(paper)

    esc = html.escape
    mark = " ".join(paper.markings)
    banner = f'<p class="marking">{esc(mark)}</p>' if mark else ""
    body = [banner, f"<h1>{esc(paper.title)}</h1>"]
    rows = tuple((name, "\n".join(lines)) for name, lines in paper.details)
    body.append(_table_html(Table("Report details", ("Item", "Detail"), rows), details=True))
    open_section = False
    for b in paper.blocks:
        if isinstance(b, Heading):
            if b.level == 1:
                if open_section:
                    body.append("</section>")
                body.append("<section>")
                open_section = True
            level = min(b.level + 1, 6)
            body.append(f"<h{level}>{esc(b.text)}</h{level}>")
        elif isinstance(b, Paragraph):
            if b.note:
                body.append(f'<p class="to-be-written">{_runs_html(b.runs)}</p>')
            elif b.number:
                body.append(
                    f'<p class="numbered"><span class="para-number">{esc(b.number)}</span>'
                    f"<span>{_runs_html(b.runs)}</span></p>"
                )
            else:
                body.append(f"<p>{_runs_html(b.runs)}</p>")
        elif isinstance(b, ListItems):
            body.append(_list_html(b))
        elif isinstance(b, Table):
            body.append(_table_html(b))
        elif isinstance(b, Image):
            src = "data:image/png;base64," + base64.b64encode(b.png).decode("ascii")
            body.append(
                f'<figure><img src="{src}" alt="{esc(b.alt, quote=True)}">'
                f"<figcaption>{esc(b.caption)}</figcaption></figure>"
            )
    if open_section:
        body.append("</section>")
    footer = f'<footer><p class="marking">{esc(mark)}</p></footer>' if mark else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(paper.language, quote=True)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(paper.document_title or paper.title)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + f"\n</main>\n{footer}\n</body>\n</html>\n"
    )


# ======================================================================== Word


class TemplateError(ValueError):
    """A council's Word template lacks a style the cover report uses."""


STYLES_USED = ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Caption")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _element(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(_qn(k), v)
    return el


def _set_language(doc: Any, language: str) -> None:
    """Every run's language (spell checking and screen readers), through the document defaults."""
    styles = doc.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    if defaults is None:
        defaults = _element("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(_qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _element("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_qn("w:rPr"))
    if rpr is None:
        rpr = _element("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(_qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        rpr.append(lang)
    lang.set(_qn("w:val"), language)
    lang.set(_qn("w:eastAsia"), language)
    lang.set(_qn("w:bidi"), language)


def _house_style(doc: Any) -> None:
    """Arial, black headings, A4 with 2 cm margins: the look of a council's committee paper."""
    from docx.shared import Cm, Pt, RGBColor

    black = RGBColor(0x0B, 0x0C, 0x0C)
    sizes = {
        "Normal": 12,
        "Title": 20,
        "Heading 1": 15,
        "Heading 2": 13,
        "Heading 3": 12,
        "Caption": 11,
    }
    for name, size in sizes.items():
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(_qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            rfonts.attrib.pop(_qn(theme), None)
        if name != "Normal":
            style.font.color.rgb = black
            style.font.bold = True
            style.font.italic = False
    doc.styles["Caption"].paragraph_format.keep_with_next = True
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))


def _clear_body(doc: Any) -> None:
    """Remove a template's own content, keeping its section settings (page size, margins)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)


def _add_field(paragraph: Any, instruction: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``): Word and LibreOffice fill it when they lay out."""
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", **{"w:fldCharType": "begin"}))
    instr = _element("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run._r.append(_element("w:fldChar", **{"w:fldCharType": "separate"}))
    shown = paragraph.add_run("1")
    shown._r.append(_element("w:fldChar", **{"w:fldCharType": "end"}))


def _header_footer(doc: Any, markings: tuple[str, ...]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    mark = "   ".join(markings)
    for section in doc.sections:
        head = section.header.paragraphs[0]
        head.text = ""
        if mark:
            head.add_run(mark).bold = True
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot = section.footer.paragraphs[0]
        foot.text = ""
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if mark:
            foot.add_run(mark).bold = True
            foot.add_run("   ")
        foot.add_run("Page ")
        _add_field(foot, "PAGE")
        foot.add_run(" of ")
        _add_field(foot, "NUMPAGES")


def _add_hyperlink(paragraph: Any, run: Run) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rel = paragraph.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
    link = _element("w:hyperlink", **{"r:id": rel})
    r = _element("w:r")
    rpr = _element("w:rPr")
    rpr.append(_element("w:color", **{"w:val": "1D70B8"}))
    rpr.append(_element("w:u", **{"w:val": "single"}))
    if run.bold:
        rpr.append(_element("w:b"))
    r.append(rpr)
    t = _element("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = run.text
    r.append(t)
    link.append(r)
    paragraph._p.append(link)


def _add_runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    for r in runs:
        if r.href and SAFE_LINK.fullmatch(r.href):
            _add_hyperlink(paragraph, r)
            continue
        added = paragraph.add_run(r.text)
        added.bold = r.bold or None
        added.italic = r.italic or None
        if r.code:
            added.font.name = "Courier New"


def _mark_header_row(row: Any) -> None:
    """Repeat the row at the top of every page the table runs onto (Word's "header row")."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(_element("w:cantSplit"))
    trpr.append(_element("w:tblHeader"))


def _describe_table(table: Any, caption: str) -> None:
    """The table's caption and description (Word's table alt text)."""
    tblpr = table._tbl.tblPr
    tblpr.append(_element("w:tblCaption", **{"w:val": caption[:250]}))
    tblpr.append(_element("w:tblDescription", **{"w:val": caption[:250]}))


def column_widths(t: Table, total_cm: float = 17.0) -> list[float]:
    """Column widths in cm: no word is broken, and longer text gets the room that is left."""
    per_char = 0.23  # about one character of 10 pt bold Arial, or the wider DejaVu Sans
    longest_word, longest_text = [], []
    for i, name in enumerate(t.columns):
        cells = [name, *(r[i] for r in t.rows)]
        longest_word.append(max(len(w) for c in cells for w in [*c.split(), ""]))
        longest_text.append(max(len(line) for c in cells for line in c.split("\n")))
    minimum = [max(w, 3) * per_char + 0.45 for w in longest_word]  # with the cell's margins
    spare = total_cm - sum(minimum)
    if spare <= 0:
        return [total_cm * m / sum(minimum) for m in minimum]
    wish = [
        max(min(text, 45) * per_char + 0.4 - m, 0)
        for text, m in zip(longest_text, minimum, strict=True)
    ]
    if sum(wish) == 0:
        return [m + spare / len(minimum) for m in minimum]
    share = min(1.0, spare / sum(wish))
    widths = [m + w * share for m, w in zip(minimum, wish, strict=True)]
    left = total_cm - sum(widths)
    return [w + left * w / sum(widths) for w in widths]


def _add_table(doc: Any, t: Table, first_column_bold: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    if t.caption:
        doc.add_paragraph(t.caption, style="Caption")
    table = doc.add_table(rows=1 + len(t.rows), cols=len(t.columns))
    try:
        table.style = doc.styles["Table Grid"]
    except KeyError:
        pass
    table.autofit = False
    for i, width in enumerate(column_widths(t)):
        table.columns[i].width = Cm(width)
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    numeric_cols = {
        i for i in range(1, len(t.columns)) if t.rows and all(is_numeric(r[i]) for r in t.rows)
    }
    for i, name in enumerate(t.columns):
        cell = table.rows[0].cells[i]
        cell.text = ""
        head = cell.paragraphs[0].add_run(name)
        head.bold = True
        head.font.size = Pt(10)
        if i in numeric_cols:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _mark_header_row(table.rows[0])
    for r, row in enumerate(t.rows, start=1):
        for i, value in enumerate(row):
            cell = table.rows[r].cells[i]
            lines = value.split("\n")
            cell.text = ""
            for n, line in enumerate(lines):
                p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                added = p.add_run(line)
                added.bold = (first_column_bold and i == 0) or None
                added.font.size = Pt(10)
                if i and is_numeric(value):
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _describe_table(table, t.caption)
    if t.note:
        note = doc.add_paragraph()
        run = note.add_run(t.note)
        run.font.size = Pt(10)
    else:
        doc.add_paragraph()


def _add_list(doc: Any, block: ListItems) -> None:
    from docx.shared import Cm

    number = 0
    for i, item in enumerate(block.items):
        level = min(block.level(i), 2)
        if block.ordered:
            p = doc.add_paragraph(style=_style(doc, "List Continue", level))
            number = number + 1 if level == 0 else number
            p.add_run(f"{number}.\t" if level == 0 else "\t")
        else:
            p = doc.add_paragraph(style=_style(doc, "List Bullet", level))
        # aligned with the text of the numbered paragraphs (1.25 cm), hanging 0.75 cm
        fmt = p.paragraph_format
        fmt.left_indent = Cm(2.0 + 0.75 * level)
        fmt.first_line_indent = Cm(-0.75)
        fmt.tab_stops.add_tab_stop(Cm(2.0 + 0.75 * level))
        fmt.space_after = Cm(0.1)
        _add_runs(p, item)


def _style(doc: Any, base: str, level: int) -> str:
    name = base if level == 0 else f"{base} {level + 1}"
    try:
        doc.styles[name]
    except KeyError:
        return base if _has_style(doc, base) else "Normal"
    return name


def _has_style(doc: Any, name: str) -> bool:
    try:
        doc.styles[name]
    except KeyError:
        return False
    return True


def _add_image(doc: Any, image: Image) -> None:
    from docx.shared import Cm

    doc.add_picture(io.BytesIO(image.png), width=Cm(16))
    shape = doc.inline_shapes[-1]
    docpr = shape._inline.docPr
    docpr.set("descr", image.alt)
    docpr.set("title", image.caption[:250])
    doc.add_paragraph(image.caption, style="Caption")


def _properties(doc: Any, paper: Paper) -> None:
    props = doc.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title = paper.document_title or paper.title
    props.subject = paper.subject
    props.author = paper.author
    props.keywords = paper.keywords
    props.language = paper.language
    props.category = " ".join(m for m in paper.markings if m != "DRAFT") or "Public"
    props.content_status = "Draft" if paper.status == "draft" else "Final"
    props.comments = "Made by the safeguarding-assurance suite from a run's published figures."
    props.last_modified_by = paper.author
    props.created = now
    props.modified = now
    props.revision = 1


def write_docx(paper: Paper, path: Path, template: Path | None = None) -> None:
    """Write the paper as a Word document; ``template`` is a council's own ``.docx`` styles."""
    from docx import Document
    from docx.shared import Cm

    paper = safe_paper(paper)
    if template is not None:
        try:
            doc = Document(str(template))
        except Exception as exc:  # python-docx raises several kinds for a file it cannot read
            raise TemplateError(
                f"{template.name} is not a Word document python-docx can read "
                f"({type(exc).__name__}); save it as a .docx file"
            ) from None
        missing = [s for s in STYLES_USED if not _has_style(doc, s)]
        if missing:
            raise TemplateError(
                f"{template.name} has no style named {', '.join(missing)}: a template for the "
                "cover report needs Word's built-in Title, Heading 1 to 3, List Bullet and "
                "Caption styles"
            )
        _clear_body(doc)
    else:
        doc = Document()
        _house_style(doc)
    _set_language(doc, paper.language)
    _properties(doc, paper)
    _header_footer(doc, paper.markings)
    doc.add_paragraph(paper.title, style="Title")
    rows = tuple((name, "\n".join(lines)) for name, lines in paper.details)
    _add_table(doc, Table("Report details", ("Item", "Detail"), rows), first_column_bold=True)
    for b in paper.blocks:
        if isinstance(b, Heading):
            doc.add_heading(b.text, level=min(b.level, 3))
        elif isinstance(b, Paragraph):
            p = doc.add_paragraph()
            if b.number:
                fmt = p.paragraph_format
                fmt.left_indent = Cm(1.25)
                fmt.first_line_indent = Cm(-1.25)
                fmt.tab_stops.add_tab_stop(Cm(1.25))
                p.add_run(f"{b.number}\t").bold = True
            _add_runs(p, b.runs)
        elif isinstance(b, ListItems):
            _add_list(doc, b)
        elif isinstance(b, Table):
            _add_table(doc, b)
        elif isinstance(b, Image):
            _add_image(doc, b)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


# ======================================================================== Markdown


def _inline_runs(token: Any) -> tuple[Run, ...]:
    """The runs of one inline Markdown token: emphasis and safe links kept, nothing else."""
    runs: list[Run] = []
    bold = italic = 0
    href: str | None = None
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            runs.append(Run(child.content, bold > 0, italic > 0, href=href))
        elif kind == "softbreak":
            runs.append(Run(" "))
        elif kind == "hardbreak":
            runs.append(Run("\n"))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "code_inline":
            runs.append(Run(child.content, bold > 0, italic > 0, code=True))
        elif kind == "link_open":
            target = str(child.attrGet("href") or "")
            href = target if SAFE_LINK.fullmatch(target) else None
        elif kind == "link_close":
            href = None
        elif kind == "image":
            # an image is never fetched: its description stands in for it
            runs.append(Run(f"[image: {child.content or 'no description'}]"))
        else:  # anything else (raw HTML is off, so none is expected) is shown as text
            runs.append(Run(child.content))
    return tuple(r for r in runs if r.text)


def markdown_blocks(text: str) -> list[Block]:
    """The partnership's Markdown as paper blocks: paragraphs, sub-headings and lists.

    An author's ``#`` or ``##`` is a sub-heading (level 2) under the section's own
    heading, ``###`` and below level 3. Code is kept as text; images are never fetched.
    """
    from safeguarding_assurance.report.own_words import markdown_parser

    blocks: list[Block] = []
    depth = -1
    ordered = False
    items: list[tuple[Run, ...]] = []
    levels: list[int] = []
    heading: int | None = None
    for token in markdown_parser().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 0:
                ordered, items, levels = kind == "ordered_list_open", [], []
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth < 0 and items:
                blocks.append(ListItems(tuple(items), ordered, tuple(levels)))
        elif kind == "heading_open":
            heading = 2 if token.tag in ("h1", "h2") else 3
        elif kind == "heading_close":
            heading = None
        elif kind == "inline":
            runs = _inline_runs(token)
            if not runs:
                continue
            if heading is not None:
                blocks.append(Heading(runs_text(runs), heading))
            elif depth >= 0:
                items.append(runs)
                levels.append(depth)
            else:
                blocks.append(Paragraph(runs))
        elif kind in ("fence", "code_block") and token.content.strip():
            block = Paragraph((Run(token.content.rstrip("\n"), code=True),))
            if depth >= 0:
                items.append(block.runs)
                levels.append(depth)
            else:
                blocks.append(block)
    return blocks
