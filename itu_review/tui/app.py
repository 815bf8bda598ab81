"""The review app. For now a read-only browser: proposals on the left, the selected one side by side."""

from __future__ import annotations

import argparse

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ..display.render import DEFAULT_STYLES, Look, ProposalView
from ..model import Package
from ..package import load


class ProposalBody(Static):
    """The selected proposal drawn by the shared display layer (never parsed as markup)."""

    def show(self, pkg: Package, index: int, width: int) -> None:
        prop = pkg.proposals[index]
        rows = ProposalView(pkg, prop, "side", Look(DEFAULT_STYLES)).rows(max(width, 20))
        self.update(Text("\n").join(rows))


class ReviewApp(App[int]):
    TITLE = "itu-review"
    CSS = """
    #proposals { width: 34; border-right: solid $primary; }
    #body { padding: 0 1; }
    """
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.packages: list[Package] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="proposals")
            with VerticalScroll(id="body-scroll"):
                yield ProposalBody(Text("Loading…"), id="body")
        yield Footer()

    def on_mount(self) -> None:
        self.load_packages()

    @work(thread=True, exclusive=True)
    def load_packages(self) -> None:
        try:
            pkgs = [load(p) for p in self.paths]
        except Exception as exc:  # shown to the user, not lost
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=30)
            return
        self.call_from_thread(self._loaded, pkgs)

    def _loaded(self, pkgs: list[Package]) -> None:
        self.packages = pkgs
        ol = self.query_one("#proposals", OptionList)
        for pi, pkg in enumerate(pkgs):
            for k, prop in enumerate(pkg.proposals):
                label = Text(f"{prop.action or '—':5} {prop.id}  {prop.target.label()}")
                ol.add_option(Option(label, id=f"{pi}:{k}"))
        if ol.option_count:
            ol.highlighted = 0
            ol.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:
            return
        pi, k = map(int, event.option.id.split(":"))
        body = self.query_one("#body", ProposalBody)
        body.show(self.packages[pi], k, self.query_one("#body-scroll").size.width - 2)


def run_app(args: argparse.Namespace) -> int:
    app = ReviewApp(list(args.packages))
    app.run()
    return 0
