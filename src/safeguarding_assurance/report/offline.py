"""Nothing fetched, ever: the report is one self-contained file, and rendering stays offline.

Two guards, one for each way a resource could be fetched:

- :func:`loaded_resources` finds every reference in the report's HTML that a browser or
  WeasyPrint would *load* (an image, a script, a stylesheet, a font, a frame...);
  :func:`check_self_contained` refuses the report if any of them is not a ``data:`` URI
  or a reference inside the document (``#id``). Plain links (``<a href>``) load
  nothing and may point anywhere.
- :class:`OfflineFetcher` is the URL fetcher WeasyPrint is given: it serves ``data:``
  URIs (the report's own charts) and refuses everything else, remote or local, and
  stops the rendering when asked for anything else, so a reference that slipped past
  the first guard fails the PDF instead of being fetched.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from safeguarding_assurance.errors import AssuranceError

# Attributes that make a browser load what they point at, by element. <a href> and
# <area href> are links: followed only when a reader chooses to.
LOADING_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset", "longdesc"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "link": ("href", "imagesrcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data", "codebase"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
    "feimage": ("href", "xlink:href"),  # SVG
    "body": ("background",),
    "table": ("background",),
    "td": ("background",),
    "th": ("background",),
    "base": ("href",),
    "meta": (),  # http-equiv refresh is handled below
}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
REFRESH_URL = re.compile(r"url\s*=\s*(\S+)", re.I)


class RemoteResourceError(AssuranceError):
    """The report would load something that is not part of it (exit status 1)."""


def is_own(url: str) -> bool:
    """True for what the report carries itself: a ``data:`` URI or a ``#fragment``."""
    url = url.strip()
    return url == "" or url.startswith("#") or url[:5].lower() == "data:"


def _css_urls(css: str) -> list[str]:
    found = [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(css)]
    found += [next(g for g in m.groups() if g is not None) for m in CSS_IMPORT.finditer(css)]
    return found


def _srcset(value: str) -> list[str]:
    # "a.png 1x, b.png 2x": the URL is the first word of each candidate
    return [part.split()[0] for part in value.split(",") if part.split()]


class _ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        values = {k.lower(): v or "" for k, v in attrs}
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            if name in values:
                if name.endswith("srcset"):
                    self.found += _srcset(values[name])
                else:
                    self.found.append(values[name])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            m = REFRESH_URL.search(values.get("content", ""))
            if m:
                self.found.append(m.group(1).strip("'\""))
        if "style" in values:
            self.found += _css_urls(values["style"])
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found += _css_urls(data)


def loaded_resources(markup: str) -> list[str]:
    """Every URL the markup would make a browser load that the report does not carry itself."""
    finder = _ResourceFinder()
    finder.feed(markup)
    finder.close()
    seen: dict[str, None] = {}
    for url in finder.found:
        if not is_own(url):
            seen.setdefault(url.strip(), None)
    return list(seen)


def check_self_contained(markup: str, what: str = "the report") -> None:
    """Refuse markup that would load anything from outside it (named in the message)."""
    outside = loaded_resources(markup)
    if outside:
        shown = ", ".join(outside[:5]) + (" ..." if len(outside) > 5 else "")
        raise RemoteResourceError(
            f"{what} would load {len(outside)} resource{'s' if len(outside) != 1 else ''} "
            f"from outside itself ({shown}); the report must be one self-contained file "
            "that fetches nothing"
        )


def offline_fetcher():
    """A WeasyPrint URL fetcher that serves ``data:`` URIs and refuses everything else.

    Imported lazily (WeasyPrint is loaded only where PDFs are written). A refused URL
    stops the rendering with ``FatalURLFetchingError`` naming it; the URLs asked for are
    kept in the fetcher's ``refused`` list.
    """
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class OfflineFetcher(URLFetcher):
        """Serve the report's own ``data:`` URIs; refuse remote URLs and local files."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            self.refused.append(url)
            raise FatalURLFetchingError(
                f"the report asked for {url}, which is not part of it: "
                "nothing outside the report is fetched"
            )

    return OfflineFetcher()
