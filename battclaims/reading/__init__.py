"""The readers behind :mod:`battclaims.documents`, one format each.

:mod:`.front_matter` reads the metadata block at the top of a text file (YAML,
TOML or JSON), :mod:`.markdown` finds what is not prose in Markdown and plain
text (through markdown-it-py, imported only when such a file is read), and
:mod:`.html` reads the visible text of HTML. :mod:`battclaims.documents` is the
public module that puts them together into a :class:`~battclaims.documents.Document`.
"""
