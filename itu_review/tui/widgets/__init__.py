"""The app's widgets, one a module."""

from .edit_panel import EditPanel
from .proposal_list import ProposalList
from .proposal_pane import ProposalPane
from .title_bar import TitleBar

__all__ = ["EditPanel", "ProposalList", "ProposalPane", "TitleBar"]
