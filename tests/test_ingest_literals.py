"""Layout knowledge is data: no Chinese word or pattern in ingest's Python outside its messages.

The field's words (labels, level names, dates, points and range marks) live in the layout files
(``jixiao/ingest/layouts/*.toml``) and the shared vocabulary (``jixiao/model/vocabulary.toml``),
both validated by their pydantic schemas.  Chinese in ingest code is allowed only where it is
what a user is told: ``messages.py`` (the reading stages' doubts and warnings) and the modules
below, whose Chinese is the one-line error naming a file and its problem.  Docstrings and
comments may quote the field's words as examples.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import jixiao.ingest

INGEST = Path(jixiao.ingest.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")

USER_MESSAGES = {
    "messages.py": "the reading stages' doubts and warnings, worded in one place",
    "__init__.py": "read(): a file that does not exist, a folder, a format not read",
    "batch.py": "one line per failed file of a batch (the OS error, a crashed worker)",
    "budget.py": "the input limits: what was found and which limit it passed",
    "errors.py": "the error line naming the file, and the limit exceeded",
    "excel.py": "an Excel file that is empty, encrypted, corrupt or over a limit",
    "legacy.py": "a .doc that LibreOffice cannot convert",
    "pdf.py": "a PDF without a text layer, encrypted, corrupt or over a limit",
    "text.py": "a text file in no encoding read, binary or empty",
    "webpage.py": "a web page that is empty, corrupt or over a limit",
    "word.py": "a Word document that is empty, encrypted, corrupt or over a limit",
    "xlsx_parts.py": "the file kind named in a corrupt package's error",
    "layouts/schema.py": "a layout file that cannot be read or validated",
}
"""Modules whose Chinese literals are messages to the user (relative to jixiao/ingest), and why."""


_STRINGS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
"""String tokens: an f-string's text is a token of its own from Python 3.12."""


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every string literal with Chinese in it that is not a docstring (a string
    standing alone as a statement: a module's, class's, function's or attribute's docstring).
    Comments are no tokens of their own kind here, so they never count."""
    bare = {
        (node.lineno, node.col_offset)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }
    return [
        (tok.start[0], tok.string)
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type in _STRINGS and CJK.search(tok.string) and tok.start not in bare
    ]


def _modules() -> dict[str, list[tuple[int, str]]]:
    return {
        p.relative_to(INGEST).as_posix(): chinese_literals(p.read_text(encoding="utf-8"))
        for p in sorted(INGEST.rglob("*.py"))
    }


def test_no_chinese_literal_in_ingest_code_outside_its_messages() -> None:
    found = {name: lits for name, lits in _modules().items() if lits and name not in USER_MESSAGES}
    shown = [f"{name}:{line}: {text[:60]}" for name, lits in found.items() for line, text in lits]
    assert shown == [], "layout knowledge belongs in the layout TOML or the vocabulary:\n" + "\n".join(shown)


def test_every_module_allowed_chinese_still_has_some() -> None:
    """The allow-list stays tight: a module that no longer tells the user anything leaves it."""
    modules = _modules()
    assert [name for name in USER_MESSAGES if not modules.get(name)] == []


def test_the_scan_finds_literals_but_not_docstrings_or_comments() -> None:
    source = '''"""模块说明 (docstring)."""
X = "一级"  # 注释 (a comment)
Y = f"{X}指标"
Z = 1
"""属性说明 (an attribute docstring)."""


def f() -> str:
    """函数说明."""
    return re.sub(r"(\\d+)分", "", "")
'''
    assert [(line, text) for line, text in chinese_literals(source)] == [
        (2, '"一级"'),
        (3, 'f"{X}指标"'),
        (10, 'r"(\\d+)分"'),
    ]
