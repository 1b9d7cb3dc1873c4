"""Typer's own words in Chinese: help pages, usage lines and command-line mistakes.

Typer (0.29) vendors its click and writes these texts in English without a translation hook,
so jixiao uses the hooks Typer does offer: command and group classes (``cls=``) whose help and
usage are translated, and ``main()`` running the app with ``standalone_mode=False`` so that a
mistake on the command line reaches us as an exception and is said in Chinese, in one line
after the usage.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from typing import Any

import typer
from typer._click.core import Context
from typer._click.exceptions import (  # not re-exported by typer; the version is pinned
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

_HELP = (
    (re.compile(r"^Usage: ", re.M), "用法："),
    (re.compile(r"\[OPTIONS\]"), "[选项]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "命令 [参数]..."),
    (re.compile(r"^(\s*)(参数|选项|命令):$", re.M), r"\1\2："),
    (re.compile(r"^Arguments:$", re.M), "参数："),
    (re.compile(r"^Options:$", re.M), "选项："),
    (re.compile(r"^Commands:$", re.M), "命令："),
    (re.compile(r"Show this message and exit\."), "显示本帮助并退出。"),
    (re.compile(r"\[default:\s+([^\]]*)\]"), r"[默认：\1]"),
    (re.compile(r"\[required\]"), "[必填]"),
    (re.compile(r"; x>=(\d+)\]"), r"；≥\1]"),
    (re.compile(r"\[x>=(\d+)\]"), r"[≥\1]"),
    (re.compile(r" <list\[Path\]>"), ""),
    (re.compile(r"<str>"), "<文字>"),
    (re.compile(r"<int>"), "<整数>"),
    (re.compile(r"<float>"), "<数字>"),
    (re.compile(r"<path>", re.I), "<路径>"),
    (re.compile(r"<bool>"), "<是否>"),
)
_REQUIRED = re.compile(r"\{([^{}]+)\}")
"""Typer marks a required argument ``{NAME}`` in the usage line; click's usage (and ours) writes it bare."""


def translate(text: str) -> str:
    for pattern, chinese in _HELP:
        text = pattern.sub(chinese, text)
    return text


def columns(text: str) -> int:
    """Columns a text takes in a terminal: a Chinese character (East Asian wide or full-width)
    takes two, which click's own measure (``len``) does not know."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKEN = re.compile(rf"\[[^\]\s]{{1,40}}\]|\s+|[{_WIDE}][，。、；：！？）》」』】”’]*|[^\s{_WIDE}]+")
"""What a line may break between: spaces, any two Chinese characters (closing punctuation stays
with the character before it), never inside a Latin word, a number or a ``[默认：…]`` note."""


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (a longer word keeps its line)."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text):
        if line.strip() and columns(line + token.rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class WideFormatter(HelpFormatter):
    """Click's help formatter measuring and wrapping by terminal columns, so that options whose
    value names or help are Chinese line up and stay within the terminal's width."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(p for p in re.split(r"\n\s*\n", text) if p.strip()):
            joined = " ".join(line.strip() for line in paragraph.splitlines())
            lines = wrap(joined, max(self.width - self.current_indent, 11))
            self.write(("\n" if n else "") + "".join(f"{indent}{line}\n" for line in lines))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max(columns(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2 - self.current_indent, 10))
            self.write(lines[0] + "\n" + "".join(f"{indent}{' ' * first_col}{line}\n" for line in lines[1:]))


class ChineseContext(Context):
    formatter_class = WideFormatter


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line, translated before it is wrapped to the terminal's width."""
    pieces = _REQUIRED.sub(r"\1", translate(" ".join(command.collect_usage_pieces(ctx))))
    formatter.write_usage(ctx.command_path, pieces, prefix="用法：")


def _options(command: Any, ctx: Any, formatter: Any) -> None:
    """Arguments and options as typer lists them, each entry translated before it is wrapped
    (a ``[default: …]`` broken over two lines would otherwise stay English)."""
    sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in sections:
            sections[param.param_type_name].append((translate(record[0]), translate(record[1])))
    for kind, title in (("argument", "参数"), ("option", "选项")):
        if sections[kind]:
            with formatter.section(title):
                formatter.write_dl(sections[kind])


class ChineseCommand(TyperCommand):
    context_class = ChineseContext

    def get_help(self, ctx: Any) -> str:
        return translate(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return translate(super().get_usage(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _options(self, ctx, formatter)


class ChineseGroup(TyperGroup):
    context_class = ChineseContext

    def get_help(self, ctx: Any) -> str:
        return translate(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return translate(super().get_usage(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _options(self, ctx, formatter)
        self.format_commands(ctx, formatter)


_VALUE = (
    (re.compile(r"^(?:Value error, )?(.+?) is not one of (.+?)\.?$"), r"\1 不是可选的值（可选：\2）"),
    (re.compile(r"^(?:Value error, )?(.+?) is not a valid integer\.?$"), r"\1 不是整数"),
    (re.compile(r"^(?:Value error, )?(.+?) is not a valid (?:float|number)\.?$"), r"\1 不是数字"),
    (re.compile(r"^(?:Value error, )?(.+?) is not in the range x>=(\d+)\.?$"), r"\1 应不小于 \2"),
    (re.compile(r"^(?:Value error, )?(.+?) is not in the range (.+?)\.?$"), r"\1 不在范围 \2 内"),
    (re.compile(r"^(?:Value error, )?(.+?) is not a valid boolean.*$"), r"\1 应为 true 或 false"),
    (re.compile(r"^Input should be greater than or equal to (.+)$"), r"应不小于 \1"),
    (re.compile(r"^Input should be less than or equal to (.+)$"), r"应不大于 \1"),
    (re.compile(r"^Input should be a valid integer.*$"), "应为整数"),
    (re.compile(r"^Input should be a valid number.*$"), "应为数字"),
)
_USAGE = (
    (re.compile(r"^Got unexpected extra arguments?(?:\(s\))? \((.*)\)$"), r"多余的参数：\1"),
    (re.compile(r"^No such command '?(.+?)'?\.?$"), r"没有命令“\1”"),
    (re.compile(r"^Missing command\.?$"), "缺少命令"),
    (re.compile(r"^Option '?(.+?)'? requires an argument\.?$"), r"选项 \1 须跟一个值"),
    (re.compile(r"^Option '?(.+?)'? requires (\d+) arguments\.?$"), r"选项 \1 须跟 \2 个值"),
    (re.compile(r"^Option '?(.+?)'? does not take a value\.?$"), r"选项 \1 不带值"),
)


def _sub(rules: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str:
    for pattern, chinese in rules:
        if pattern.match(text):
            return pattern.sub(chinese, text)
    return text


def _hint(exc: BadParameter) -> str:
    if exc.param_hint is not None:
        hints = [exc.param_hint] if isinstance(exc.param_hint, str) else list(exc.param_hint)
        return " / ".join(hints)
    if exc.param is not None:
        return str(exc.param.get_error_hint())  # type: ignore[call-arg]
    return ""


def message(exc: ClickException) -> str:
    """The mistake in Chinese (the names of options and values as the user typed them)."""
    if isinstance(exc, MissingParameter):
        kind = "参数" if (exc.param_type or getattr(exc.param, "param_type_name", "")) == "argument" else "选项"
        return f"缺少{kind} {_hint(exc)}".rstrip()
    if isinstance(exc, NoSuchOption):
        known = f"（可用的选项：{'、'.join(sorted(exc.possibilities))}）" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{known}"
    if isinstance(exc, BadParameter):
        hint = _hint(exc)
        return f"{hint} 的取值无效：{_sub(_VALUE, exc.message)}" if hint else f"取值无效：{_sub(_VALUE, exc.message)}"
    return _sub(_USAGE, exc.format_message())


def show(exc: ClickException) -> None:
    """Usage, where to find help, and the mistake — on standard error, as click lays it out."""
    if type(exc).__name__ == "NoArgsIsHelpError" and isinstance(exc, UsageError) and exc.ctx is not None:
        sys.stderr.write(exc.ctx.get_help() + "\n")  # a group called bare: its help, as typer does
        return
    lines = []
    if isinstance(exc, UsageError) and exc.ctx is not None:
        lines.append(exc.ctx.get_usage())
        if exc.ctx.command.get_help_option(exc.ctx) is not None:
            lines.append(f"运行“{exc.ctx.command_path} {exc.ctx.help_option_names[0]}”查看帮助。")
        lines.append("")
    lines.append(f"错误：{message(exc)}")
    sys.stderr.write("\n".join(lines) + "\n")


def run(app: typer.Typer) -> int:
    """The app with Chinese mistakes; the exit code to end with."""
    try:
        code = app(standalone_mode=False, prog_name="jixiao")
    except ClickException as exc:
        show(exc)
        return exc.exit_code
    except typer.Abort:
        sys.stderr.write("已中止。\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("已中止。\n")
        return 130
    except Exception as exc:  # a fault of jixiao itself: one line, the details only on request
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        sys.stderr.write(f"错误：程序内部错误（{type(exc).__name__}），请将所用命令与文件报告维护者；"
                         "设置环境变量 JIXIAO_DEBUG=1 可显示详细信息。\n")  # fmt: skip
        return 70
    return code if isinstance(code, int) else 0
