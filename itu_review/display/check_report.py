"""`check` as a person reads it: per package, each proposal, the text in force it was matched to, and
a table of findings (severity, kind, the paragraph by its label or first words, what differs)."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text

from ..basetexts import Collection
from ..check import ERROR, INFO, WARNING, CheckReport, Finding, ProposalCheck
from ..output import plural
from .sanitize import clean
from .tables import wrapped_table

HEADERS = ("severity", "finding", "paragraph", "detail")
#: the paragraph column at most: a label, or the first words of a paragraph without one
NAME_WIDTH = 16


def _row(f: Finding) -> list[str]:
    return [f.severity, f.kind, f.name or "\u2014", f.diff or f.message]


def _matched(chk: ProposalCheck) -> str:
    if not chk.text:
        return "no text in force matched"
    label = chk.base.full_label if chk.base is not None else chk.text
    return f"{label}, matched by {chk.match} ({chk.score:.0f}%)"


def summary(findings: list[Finding]) -> str:
    """"1 error, 1 warning, 3 notes": what is left to look at, and what only informs."""
    sev = [f.severity for f in findings]
    return (f"{plural(sev.count(ERROR), 'error')}, {plural(sev.count(WARNING), 'warning')}, "
            f"{plural(sev.count(INFO), 'note')}")


def print_check(console: Console, coll: Collection, report: CheckReport) -> None:
    width = console.width
    bold = Style(bold=True)
    # one set of column widths for the whole report, so that every proposal's rows line up
    rows = [_row(f) for f in report.findings] or [list(HEADERS)]
    widths = [max([len(HEADERS[0])] + [len(r[0]) for r in rows]), max([len(HEADERS[1])] + [len(r[1]) for r in rows]),
              min(NAME_WIDTH, max([len(HEADERS[2])] + [len(r[2]) for r in rows]))]

    def table(findings: list[Finding], header: bool) -> None:
        lines = wrapped_table(HEADERS, [_row(f) for f in findings], width, widths, indent=4, header=header)
        if header:
            console.print(Text(lines[0], style=Style(dim=True), no_wrap=True, overflow="crop"))
            lines = lines[1:]
        if lines:
            console.file.write("\n".join(lines) + "\n")

    console.print(Text(clean(f"base collection: {plural(len(coll.texts), 'text')} from {', '.join(coll.sources)}")))
    for entry in report.packages:
        console.print()
        console.print(Text(clean(entry["path"]), style=bold), soft_wrap=True)  # a path whole, never folded
        if not entry["proposals"]:  # a document without proposal headings: say so, not an empty table
            console.print(Text("    no proposals found (no MOD, ADD, SUP or NOC heading): nothing to check",
                               style=Style(dim=True)))
            continue
        table([], header=True)
        for chk in entry["proposals"]:
            console.print(Text(clean(f"  {chk.action} {chk.proposal} \u2192 {_matched(chk)}"), no_wrap=True,
                               overflow="ellipsis"))
            table(chk.findings, header=False)
    if report.collisions:
        console.print()
        console.print(Text("across packages", style=bold))
        table(report.collisions, header=True)
    console.print()
    console.print(Text(summary(report.findings)))
