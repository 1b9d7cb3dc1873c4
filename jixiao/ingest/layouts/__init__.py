"""Layouts as data: each ``*.toml`` here names how one family of forms writes its labels.

A layout declares the header synonyms of every field and column, the fund block's labels and
sources, the words that end a table and the columns to pass over.  ``catalogue()`` merges every
shipped layout with those in the folders named by ``JIXIAO_LAYOUTS`` (``os.pathsep``-separated),
so a new province's form is one TOML file and no Python.
"""

from jixiao.ingest.layouts.schema import Catalogue, Layout, LayoutError, catalogue, load_layout

__all__ = ["Catalogue", "Layout", "LayoutError", "catalogue", "load_layout"]
