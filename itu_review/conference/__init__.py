"""A whole conference at once: every package in some directories, grouped by the text it amends.

A layer above the package: ``discover`` finds the packages, ``loader`` reads them in parallel (with
a cache of its own for the small ones), ``grouping`` puts every proposal under the text it acts on,
``layout`` lays one text out paragraph by paragraph with every proposal's change under it
(collisions and identical changes found with ``itu_review.collisions``), ``compilation`` writes the
compilation .docx and ``synopsis`` the text x source table. The core never imports the app or the CLI.
"""
