"""itu-review: review ITU conference proposals (Word tracked changes) edit by edit."""

#: The one place the version is written (pyproject.toml reads it). 0.2 writes decision logs of format 2
#: (notes alone, proposal verdicts, outcomes), which 0.1 refuses with "upgrade"; it reads 0.1's logs.
__version__ = "0.2.0"
