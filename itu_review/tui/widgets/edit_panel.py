"""The current edit's details: kind, author, date, id, fingerprint, each reviewer's verdict and note."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...decisions import Decision
from ...display.sanitize import clean
from ...model import Edit

VERDICT_LABEL = {"accept": "accepted", "reject": "rejected", "flag": "flagged"}


class EditPanel(Widget):
    """A fixed-height panel: updating it repaints it, and never re-lays out the screen."""

    DEFAULT_CSS = """
    EditPanel { height: 6; border-top: solid $primary; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def render(self) -> Text:
        return self._text

    def update(self, text: Text) -> None:
        self._text = text
        self.refresh()

    def show_edit(self, edit: Edit | None, decisions: dict[str, Decision], reviewer: str, position: str,
                  findings: list[str] | None = None) -> None:
        t = Text(no_wrap=False)
        for f in findings or []:
            t.append(f"\u26a0 {clean(f)}\n", "bold yellow")
        if edit is None:
            t.append("No edits in this proposal.")
            self.update(t)
            return
        t.append(f"{edit.id}", "bold")
        t.append(f" · {edit.kind} · {position} · ")
        t.append(f"by {clean(edit.author) or 'unknown'}", "dim")
        if edit.date:
            t.append(f" · {edit.date[:16].replace('T', ' ')}", "dim")
        t.append(f" · fp {edit.fingerprint}", "dim")
        mine = decisions.get(reviewer)
        t.append("\nyou: ")
        t.append(VERDICT_LABEL.get(mine.verdict, mine.verdict) if mine else "pending", "bold")
        if mine and mine.note:
            t.append(f" — {clean(mine.note)}")
        if mine and mine.how != "same":
            t.append(f"  ({mine.how} from {mine.logged_id})", "italic")
        for name, d in sorted(decisions.items()):
            if name == reviewer:
                continue
            t.append(f"\n{clean(name)}: ")
            t.append(VERDICT_LABEL.get(d.verdict, d.verdict), "bold")
            if d.note:
                t.append(f" — {clean(d.note)}")
        if edit.comment:
            t.append(f"\nauthor's comment: {clean(edit.comment)}", "italic")
        for w in edit.warnings:
            t.append(f"\n! {clean(w)}", "yellow")
        self.update(t)
