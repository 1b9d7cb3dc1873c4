"""Batches on the command line: one Chinese line per bad file, the good files still reported,
``--jobs`` giving the same bytes and messages, ``-o FOLDER`` one output per document, streamed
formats, and typer's own words in Chinese."""

from __future__ import annotations

import json
import os
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.ingest.batch import failure, problem, run_ordered
from tests.conftest import SHARED
from tests.test_cli import run

CORPUS = SHARED / "corpus"


def _hostile(folder: Path) -> dict[str, str]:
    """Bad files of several kinds beside two good ones; the line each must give."""
    folder.mkdir()
    (folder / "a_good.txt").write_bytes((CORPUS / "031.txt").read_bytes())
    (folder / "z_good.txt").write_bytes((CORPUS / "003.txt").read_bytes())
    (folder / "b_zip.docx").write_bytes(b"PK\x03\x04 not a zip")
    with zipfile.ZipFile(folder / "c_xml.docx", "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.'
                   'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')  # fmt: skip
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument'
                   '/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')  # fmt: skip
        z.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body><w:p>")
    (folder / "d_empty.txt").write_bytes(b"")
    return {
        "b_zip.docx": "Word",
        "c_xml.docx": "XML",
        "d_empty.txt": "文件为空",
    }


@pytest.mark.parametrize("command", ["import", "review"])
def test_bad_files_are_one_chinese_line_and_the_batch_goes_on(tmp_path: Path, command: str) -> None:
    expected = _hostile(tmp_path / "in")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.json"
        code, stdout, err = run(command, str(tmp_path / "in"), "-f", "json", "-o", str(out), "--jobs", jobs)
        assert code == 1 and stdout == ""
        assert "Traceback" not in err and "Error:" not in err
        lines = [line for line in err.splitlines() if line.startswith("错误：")]
        assert len(lines) == len(expected)
        for line, (name, said) in zip(lines, sorted(expected.items()), strict=True):
            assert line.startswith(f"错误：文件 {tmp_path / 'in' / name}：") and said in line
        outputs[jobs] = (out.read_text(encoding="utf-8"), err)
    assert outputs["1"] == outputs["2"]  # the same bytes and the same messages
    data = json.loads(outputs["1"][0], parse_float=Decimal)
    if command == "import":
        assert [ev["source"]["file"] for ev in data] == ["a_good.txt", "z_good.txt"]
        assert "共 5 个文件，读出 2 张表（项目支出绩效自评表 2 张）；表格不完整 0 张；警告 0 个；失败 3 个文件" in err
    else:
        assert data["summary"]["evaluations"] == 2 == len(data["evaluations"])
        assert data["summary"]["findings"] == len(data["findings"]) > 0
        assert {f["file"] for f in data["findings"]} == {"a_good.txt", "z_good.txt"}


def test_any_exception_is_a_chinese_problem() -> None:
    import zipfile as z

    from lxml import etree

    try:
        etree.fromstring(b"<a><b>")
    except etree.XMLSyntaxError as exc:
        xml = exc
    cases = [(xml, "文件中的 XML 内容已损坏"), (RecursionError(), "内容嵌套层次过深，无法读取"),
             (MemoryError(), "内容过大，读取所需内存超出限制"), (z.BadZipFile("x"), "压缩内容已损坏，无法解开"),
             (KeyError("w"), "无法处理，文件可能已损坏（KeyError）"),
             (FileNotFoundError(2, "No such file or directory"), "无法读取（文件不存在）"),
             (OSError(5, "Input/output error"), "无法读取（系统错误 5）")]  # fmt: skip
    assert [problem(exc) for exc, _ in cases] == [text for _, text in cases]
    assert failure("表.docx", xml, "复核时出错：") == "文件 表.docx：复核时出错：文件中的 XML 内容已损坏"


def _die_on_three(n: int) -> str:
    if n == 3:
        os._exit(134)  # a native library aborting on a hostile file
    return f"ok {n}"


def test_a_worker_that_dies_costs_only_its_own_item() -> None:
    results = list(run_ordered(_die_on_three, range(12), 2, lambda n: f"crashed {n}", chunk=2))
    assert results == [f"ok {n}" for n in range(3)] + ["crashed 3"] + [f"ok {n}" for n in range(4, 12)]


def test_jsonl_streams_one_evaluation_or_finding_per_line(tmp_path: Path) -> None:
    code, out, _ = run("import", str(CORPUS / "031.txt"), str(CORPUS / "003.txt"), "-f", "jsonl")
    assert code == 0
    lines = out.splitlines()
    assert [json.loads(line)["source"]["file"] for line in lines] == ["031.txt", "003.txt"]
    code, out, err = run("review", str(CORPUS / "031.txt"), "-f", "jsonl", "--fail-on", "never")
    assert code == 0 and "共复核 1 张表：错误 4，警告 1，提示 0" in err
    assert [json.loads(line)["code"] for line in out.splitlines()] == [
        "EXEC_RATE_MISMATCH", "SCORE_OVER_WEIGHT", "OVER_COMPLETION", "SCORE_OVER_WEIGHT", "SCORE_OVER_WEIGHT"
    ]  # fmt: skip


def test_import_table_streams_rows_under_one_heading(tmp_path: Path) -> None:
    from jixiao.cli.text import import_widths, plain_rows

    assert import_widths(80) == (6, 4, 6, 4, 10, 10, 10, 6, 8)  # 80 columns with the gaps
    assert plain_rows([("长文件名_abcdefghij.txt", "1", "项目支出绩效自评表", "2021", "项目", "1", "2", "3", "4")],
                      import_widths(80)).splitlines() == [
        "长文件  1     项目支  2021  项目        1           2           3       4",
        "名            出绩效", "_abcde        自评表", "fghij.", "txt",
    ]  # fmt: skip
    pages = []
    for jobs in ("1", "2"):
        out = tmp_path / f"t{jobs}.txt"
        code, _, err = run("import", str(CORPUS / "031.txt"), str(CORPUS / "003.txt"), "-f", "table", "-o", str(out),
                           "-j", jobs)  # fmt: skip
        assert code == 0 and "读出 2 张表" in err
        pages.append(out.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    lines = pages[0].splitlines()
    assert lines[0] == "读出的自评表"
    assert lines[1].split() == [
        "文件",
        "表号",
        "类型",
        "年度",
        "项目名称",
        "全年预算数",
        "全年执行数",
        "指标数",
        "自评总分",
    ]
    assert [line.split() for line in lines[3:]] == [
        ["031.txt", "1", "项目支出绩效自评表", "2019年新型农业经营主体扶持项目", "650", "94", "5", "71.7"],
        ["003.txt", "1", "项目支出绩效自评表", "2022", "义务教育营养改善计划专项资金", "387664.62", "387664.62",
         "9", "96"],
    ]  # fmt: skip


def test_output_folder_one_file_per_document(tmp_path: Path) -> None:
    _hostile(tmp_path / "in")
    folder = tmp_path / "out"
    code, _, err = run("render", str(tmp_path / "in"), "--to", "xlsx", "-o", f"{folder}/", "--jobs", "2")
    assert code == 1 and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == ["a_good.xlsx", "z_good.xlsx"]
    assert load_workbook(folder / "a_good.xlsx").active is not None
    code, _, _ = run("review", str(tmp_path / "in"), "-f", "xlsx", "-o", str(folder))
    assert sorted(p.name for p in folder.glob("*.xlsx")) == ["a_good.xlsx", "z_good.xlsx"]  # review rows now
    ws = load_workbook(folder / "a_good.xlsx").active
    assert ws is not None and next(ws.iter_rows(values_only=True))[:2] == ("级别", "代码")
    code, _, _ = run("import", str(CORPUS / "031.txt"), str(tmp_path / "in" / "a_good.txt"), "-o", str(folder))
    assert code == 0
    assert (folder / "031.json").is_file() and (folder / "a_good.json").is_file()


def test_output_folder_names_never_collide(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    for sub in ("x", "y"):
        (tmp_path / sub / "表.txt").write_bytes((CORPUS / "031.txt").read_bytes())
    code, _, _ = run("import", str(tmp_path / "x"), str(tmp_path / "y"), "-f", "jsonl", "-o", f"{tmp_path}/out/")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["表.jsonl", "表（2）.jsonl"]


def test_render_pdf_in_parallel_has_every_table(tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    seed = next((SHARED / "seeds").glob("004_*.txt"))
    assert run("render", str(seed), "--to", "pdf", "-o", str(one), "--jobs", "1")[0] == 0
    assert run("render", str(seed), "--to", "pdf", "-o", str(two), "--jobs", "2")[0] == 0

    def titles(path: Path) -> int:
        doc = pdfium.PdfDocument(path)
        text = "".join(page.get_textpage().get_text_range() for page in doc)
        return text.count("项目支出绩效自评表")

    assert titles(one) == titles(two) == 18


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], ["用法：jixiao [选项] 命令 [参数]...", "选项：", "命令：", "显示本帮助并退出。"]),
        (["import", "--help"], ["用法：jixiao import [选项]", "参数：", "[必填]", "[默认：json]"]),
        (["import"], ["用法：jixiao import", "运行“jixiao import --help”查看帮助。", "错误：缺少参数"]),
        (["review", "x", "--bogus"], ["错误：没有选项 --bogus"]),
        (["review", "x", "--format", "nope"], ["'--format' / '-f' 的取值无效：'nope' 不是可选的值"]),
        (["review", "x", "--jobs", "0"], ["'--jobs' / '-j' 的取值无效：应不小于 1"]),
        (["nope"], ["错误：没有命令“nope”"]),
        (["schema", "extra"], ["错误：多余的参数：extra"]),
        (
            ["review", "--help"],
            [
                "用法：jixiao review [选项] [路径]...",
                "-r, --rules 规则集",
                "[默认：auto]",
                "[默认：error]",
                "--explain 代码",
            ],
        ),
        (["rules", "show"], ["用法：jixiao rules show [选项] 规则集", "错误：缺少参数 '规则集'"]),
        (["score", "--help"], ["用法：jixiao score [选项] 文件...", "参数：\n  文件  评价 JSON 文件"]),
    ],
)
def test_typer_speaks_chinese(args: list[str], expected: list[str]) -> None:
    _, out, err = run(*args)
    text = out + err
    for piece in expected:
        assert piece in text
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message", "Error", "Missing",
                    "default", "required", "Try ", "Invalid value", "No such", "<str>", "{", "argument",
                    "选项:", "参数:"):  # fmt: skip
        assert english not in text


def test_help_is_wrapped_by_terminal_columns() -> None:
    from jixiao.cli.chinese import columns, wrap

    assert columns("规则集 N") == 8
    assert wrap("写入文件；给出文件夹（已存在或以 / 结尾）则每个文档各写一个文件", 41) == [
        "写入文件；给出文件夹（已存在或以 / 结尾）", "则每个文档各写一个文件"
    ]  # fmt: skip
    assert wrap("出现问题时以退出码 1 结束  [默认：error]", 30) == ["出现问题时以退出码 1 结束", "[默认：error]"]
    assert wrap("auto（按表格自动选择）、规则集名称或 .toml 文件路径", 42) == [
        "auto（按表格自动选择）、规则集名称或 .toml", "文件路径"
    ]  # fmt: skip
    _, out, _ = run("render", "--help")  # click lays help out in 78 columns at most
    lines = out.splitlines()
    assert max(columns(line) for line in lines) <= 78
    helps = [line for line in lines if line.startswith(("  -o, --output 路径 ", "  -j, --jobs N "))]
    assert [columns(line[: line.index(h)]) for line, h in zip(helps, ("输出文件", "并行"), strict=True)] == [34, 34]


def _hog(n: int) -> str:
    try:
        if n == 2:
            bytearray(2 << 30)
        return f"ok {n}"
    except MemoryError:
        return f"memory {n}"


def test_a_worker_cannot_take_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_WORKER_MEMORY_MB", "600")
    assert list(run_ordered(_hog, range(5), 2, lambda n: f"crashed {n}", chunk=1)) == [
        "ok 0", "ok 1", "memory 2", "ok 3", "ok 4"
    ]  # fmt: skip


def test_score_says_a_bad_json_in_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "深.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run("score", str(deep))
    assert code == 2 and err.count("\n") == 1 and err.startswith(f"错误：文件 {deep}") and "嵌套" in err


def _pid(n: int) -> tuple[int, int]:
    return n, os.getpid()


def test_workers_are_replaced_as_the_batch_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.ingest.batch as batch

    monkeypatch.setattr(batch, "RECYCLE", 3)
    results = list(run_ordered(_pid, range(30), 2, lambda n: (n, 0), chunk=1))
    assert [n for n, _ in results] == list(range(30))
    assert len({pid for _, pid in results}) >= 5  # a new pool for every 6 items
    monkeypatch.setenv("JIXIAO_RECYCLE", "0")  # never (what a benchmark compares)
    # one pool for the whole batch: at most its two workers (one alone may take every item on a busy machine)
    assert len({pid for _, pid in run_ordered(_pid, range(30), 2, lambda n: (n, 0), chunk=1)}) <= 2


def _rich_text(review: object, width: int) -> str:
    import io

    from rich.console import Console

    from jixiao.cli.text import print_reviews

    buffer = io.StringIO()
    print_reviews([review], Console(file=buffer, width=width, color_system=None, legacy_windows=False))  # type: ignore[list-item]
    return buffer.getvalue()


def test_plain_text_review_is_rich_s_text_character_for_character() -> None:
    """``review --format text`` without colour is drawn without rich (a tenth of its cost):
    the same characters as rich draws, also for wide, combining and emoji characters, words
    longer than a column, titles longer than the line and narrow widths; a text only rich
    renders right (a control character, a ``:name:`` emoji code) goes to rich."""
    import dataclasses
    import random

    from jixiao.cli.text import plain_review
    from jixiao.ingest.batch import read_one
    from jixiao.review import review_all

    reviews = [r for name in ("031.txt", "003.txt") for r in review_all(read_one(CORPUS / name).evaluations, None)]
    rnd = random.Random(3)
    pieces = [*"产出指标 › （）：，。、abcXYZ 0123456789.%-_/ ", "　", "😀", "e\u0301", "\u200b", "ｱ", "…", "“",
              "👍🏽", "[red]", "[/]", "超长的词" * 9, "word" * 12, "   "]  # fmt: skip

    def text(most: int) -> str:
        return "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, most)))

    compared = 0
    for _ in range(150):
        r = rnd.choice(reviews)
        findings = tuple(dataclasses.replace(f, where=text(30), message=text(rnd.choice([8, 60, 200])))
                         for f in r.findings[: rnd.randint(0, 3)])  # fmt: skip
        checked = r.checked.model_copy(update={"project_name": rnd.choice([None, text(20), text(150)])})
        changed = dataclasses.replace(r, checked=checked, findings=findings, reason=text(rnd.choice([4, 160])))
        width = rnd.choice([140, 80, 41, 30, 200])
        plain = plain_review(changed, width)
        if plain is not None:
            compared += 1
            assert plain == _rich_text(changed, width)
    assert compared > 100
    for r in reviews:
        assert plain_review(r, 140) == _rich_text(r, 140)
    assert plain_review(dataclasses.replace(reviews[0], reason="见 :smile: 与\t制表符"), 140) is None


def test_every_format_is_the_same_with_one_job_and_two(tmp_path: Path) -> None:
    """A sample of ``scripts/same_output.py jobs``: two formats built in the workers (terminal
    text, workbook rows) give the same bytes with one job and two, over files that fail or
    hold several tables."""
    import shutil
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from gen_tables import generate
    from same_output import ROOT, _outputs, across_jobs

    folder = tmp_path / "in"
    generate(folder / "generated", 40, per_file=8, seed=2)
    for name in ("031.txt", "003.txt"):
        shutil.copy2(CORPUS / name, folder / name)
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    plan = tuple(("review", fmt, jobs) for fmt in ("text", "xlsx") for jobs in (1, 2))
    outputs = _outputs(ROOT, sys.executable, folder, tmp_path, plan)
    assert len(outputs) == 8 and all(outputs.values())
    assert across_jobs(outputs) == 0


def test_import_starts_without_the_review(tmp_path: Path) -> None:
    """``jixiao import`` (paid again by every command and every batch) loads neither the rule
    sets' schema nor scoring, review or rich's tables; a file named like an emoji code is said
    as it is named."""
    import subprocess
    import sys

    (tmp_path / "good.txt").write_bytes((CORPUS / "031.txt").read_bytes())
    (tmp_path / ":smile:.txt").write_bytes(b"")
    script = (
        "import sys\nfrom jixiao.cli.chinese import run\nfrom jixiao.cli import app\n"
        f"sys.argv = ['jixiao', 'import', {str(tmp_path)!r}, '-f', 'jsonl', '-o', {str(tmp_path / 'out.jsonl')!r}]\n"
        "code = run(app)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('jixiao.review', 'jixiao.scoring', "
        "'jixiao.rules.ruleset', 'rich.table', 'rich._emoji_codes'))), code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert proc.stdout == "[] 1\n"
    assert f"错误：文件 {tmp_path / ':smile:.txt'}：" in proc.stderr
    assert "读出 1 张表" in proc.stderr
