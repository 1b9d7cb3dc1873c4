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
from typing import Any

import typer
from typer._click.exceptions import (  # not re-exported by typer; the version is pinned
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup

_HELP = (
    (re.compile(r"^Usage: ", re.M), "用法："),
    (re.compile(r"\[OPTIONS\]"), "[选项]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "命令 [参数]..."),
    (re.compile(r"^Arguments:$", re.M), "参数："),
    (re.compile(r"^Options:$", re.M), "选项："),
    (re.compile(r"^Commands:$", re.M), "命令："),
    (re.compile(r"Show this message and exit\."), "显示本帮助并退出。"),
    (re.compile(r"\[default: ([^\]]*)\]"), r"[默认：\1]"),
    (re.compile(r"\[required\]"), "[必填]"),
    (re.compile(r"; x>=(\d+)\]"), r"；≥\1]"),
    (re.compile(r"\[x>=(\d+)\]"), r"[≥\1]"),
    (re.compile(r" <list\[Path\]>"), ""),
)


def translate(text: str) -> str:
    for pattern, chinese in _HELP:
        text = pattern.sub(chinese, text)
    return text


class ChineseCommand(TyperCommand):
    def get_help(self, ctx: Any) -> str:
        return translate(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return translate(super().get_usage(ctx))


class ChineseGroup(TyperGroup):
    def get_help(self, ctx: Any) -> str:
        return translate(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return translate(super().get_usage(ctx))


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
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), r"多余的参数：\1"),
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
