"""Readability of the report's generated prose: Flesch reading ease and sentence length.

Flesch reading ease is 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words);
60 to 70 is plain English, 50 to 60 fairly difficult, under 30 very difficult. Syllables
are counted with Pyphen's English hyphenation dictionary (installed with WeasyPrint), so
the measure works offline: textstat's current release downloads a pronouncing dictionary
at first use, which this machine's closed network refuses.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pyphen

_DICT = pyphen.Pyphen(lang="en_GB")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9“\"'(])")


@dataclass(frozen=True)
class Readability:
    """The figures for one body of text."""

    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        """Mean sentence length in words."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def flesch_reading_ease(self) -> float:
        """Flesch reading ease (higher is easier)."""
        if not self.sentences or not self.words:
            return 0.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * (self.syllables / self.words)


def _vowel_groups(word: str) -> int:
    """Syllables by the usual rule of thumb: groups of vowels, less a silent final e."""
    w = word.lower().strip("'’")
    groups = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    if w.endswith(("ed", "es")) and not w.endswith(("ted", "ded", "ses", "zes", "ces")):
        groups = max(1, groups - 1)
    return max(1, groups)


def syllables(word: str) -> int:
    """Syllables in one word: the larger of the hyphenation and the vowel-group counts.

    Hyphenation dictionaries leave short end syllables unsplit and undercount; taking the
    larger count errs towards harder text, so the reading ease reported is not flattered.
    A number counts as one syllable.
    """
    if word[0].isdigit():
        return 1
    return max(len(_DICT.positions(word)) + 1, _vowel_groups(word))


def measure(sentences: list[str]) -> Readability:
    """Measure a list of sentences (each may hold several; they are split again)."""
    split = [s for text in sentences for s in SENTENCE_END.split(text.strip()) if s.strip()]
    words = [w for s in split for w in WORD.findall(s)]
    return Readability(len(split), len(words), sum(syllables(w) for w in words))


def prose_of(markup: str) -> list[str]:
    """The paragraphs and list items of some HTML, as plain text (tables and figures left out)."""
    markup = re.sub(r"<(table|figure|details)[\s\S]*?</\1>", " ", markup)
    items = re.findall(r"<(?:p|li)(?:\s[^>]*)?>([\s\S]*?)</(?:p|li)>", markup)
    texts = [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]
    return [t if t.endswith((".", "?", "!")) else t + "." for t in texts if t]
