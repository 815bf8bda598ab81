"""Synthetic proposal packages of any size, for the benchmark (shares docxgen with the samples).

A package of N proposals x P paragraphs x E edits per paragraph, English or Arabic, with every edit
kind the reader meets at scale: replacements, insertions, deletions, moves, inserted and deleted
paragraph marks, tracked table rows; and a base collection of texts in force to check them against.
"""

from __future__ import annotations

import random
from pathlib import Path

from docxgen import Para, Table, write_docx

EN = ("the Union shall continue to promote cooperation among Member States and Sector Members in the "
      "development of telecommunications and information and communication technologies for all people "
      "including developing countries with particular attention to capacity building and security").split()
AR = ("يواصل الاتحاد تعزيز التعاون بين الدول الأعضاء وأعضاء القطاعات في تطوير الاتصالات وتكنولوجيا "
      "المعلومات والاتصالات لجميع الناس بما في ذلك البلدان النامية مع إيلاء اهتمام خاص لبناء القدرات والأمن").split()


def _words(rng: random.Random, vocab: list[str], n: int) -> str:
    return " ".join(rng.choice(vocab) for _ in range(n))


def paragraph(rng: random.Random, vocab: list[str], edits: int, k: int) -> str:
    """A paragraph with ``edits`` tracked changes of varied kinds, words of plain text between them."""
    parts = [f"{k})\t"]
    for e in range(edits):
        parts.append(_words(rng, vocab, 6) + " ")
        kind = (k + e) % 5
        if kind == 0:
            parts.append("{~~" + _words(rng, vocab, 2) + "~>" + _words(rng, vocab, 3) + "~~}")
        elif kind == 1:
            parts.append("{++" + _words(rng, vocab, 3) + "++}")
        elif kind == 2:
            parts.append("{--" + _words(rng, vocab, 2) + "--}")
        elif kind == 3:
            parts.append("[[b|" + _words(rng, vocab, 2) + "]]")
        else:
            parts.append("{~~" + rng.choice(vocab) + "~>" + rng.choice(vocab) + "~~}")
        parts.append(" ")
    parts.append(_words(rng, vocab, 5) + ";")
    return "".join(parts)


def package(n_props: int, n_paras: int, n_edits: int, lang: str = "en", seed: int = 1) -> list:
    rng = random.Random(seed)
    vocab = AR if lang == "ar" else EN
    rtl = lang == "ar"
    heading = "القرار {n} (المراجَع في {{~~دبي، 2018~>بوخارست، 2022~~}})" if rtl else \
        "RESOLUTION {n} (REV. {{~~DUBAI, 2018~>BUCHAREST, 2022~~}})"
    reasons = "الأسباب:\tتحديث." if rtl else "Reasons:\tTo update the text."
    blocks: list = []
    for i in range(1, n_props + 1):
        blocks.append(Para(f"MOD\tSYN/{n_props}/{i}", "Proposal", rtl=rtl))
        blocks.append(Para(heading.format(n=i), "ResNo", rtl=rtl))
        blocks.append(Para(_words(rng, vocab, 8), "Restitle", rtl=rtl))
        body = n_paras - 1  # one edit of each paragraph's budget goes to the heading
        for k in range(1, body + 1):
            if k == 3:  # a move of a phrase to the next paragraph
                blocks.append(Para(f"{k})\t" + _words(rng, vocab, 5) + f" [[mf:m{i}|{_words(rng, vocab, 3)}]] " +
                                   _words(rng, vocab, 5), rtl=rtl))
                continue
            if k == 4:
                blocks.append(Para(f"{k})\t[[mt:m{i}|{_words(rng, vocab, 3)}]] " + paragraph(rng, vocab, n_edits - 1, k),
                                   rtl=rtl))
                continue
            mark = "ins" if k == 6 else ("del" if k == 7 else "")
            blocks.append(Para(paragraph(rng, vocab, n_edits, k), rtl=rtl, mark=mark))
        if i % 10 == 0:  # now and then a table with a tracked row
            blocks.append(Table([[_words(rng, vocab, 2), _words(rng, vocab, 2)],
                                 [_words(rng, vocab, 2), _words(rng, vocab, 2)]], row_marks=["", "ins"], rtl=rtl))
        blocks.append(Para(reasons, "Reasons", rtl=rtl))
    return blocks


def write_package(path: Path, n_props: int, n_paras: int, n_edits: int, lang: str = "en") -> Path:
    return write_docx(path, package(n_props, n_paras, n_edits, lang), title=f"synthetic {n_props}x{n_paras}x{n_edits}",
                      rtl=lang == "ar")


def write_collection(path: Path, n_texts: int = 300, n_paras: int = 40, seed: int = 2) -> Path:
    """A base collection: RESOLUTION 1 … n, each a heading, a title and paragraphs."""
    rng = random.Random(seed)
    lines: list[str] = []
    for n in range(1, n_texts + 1):
        lines.append(f"RESOLUTION {n} (REV. DUBAI, 2018)")
        lines.append(_words(rng, EN, 8))
        for k in range(1, n_paras + 1):
            lines.append(f"{k})\t" + _words(rng, EN, 30) + ";")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
