"""The app's widgets, one a module."""

from .edit_panel import EditPanel
from .findings import FindingsPanel
from .key_bar import KeyBar
from .proposal_list import ProposalList
from .proposal_pane import ProposalPane
from .title_bar import TitleBar

__all__ = ["EditPanel", "FindingsPanel", "KeyBar", "ProposalList", "ProposalPane", "TitleBar"]
