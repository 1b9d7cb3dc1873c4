"""The command line: scoring, rule sets, the schema, and bad input (one Chinese line, exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """Run the real console entry point, so exit codes and stderr are the user's."""
    proc = subprocess.run(
        [sys.executable, "-m", "jixiao", *args],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/local/bin:/usr/bin:/bin"},
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_score_json_adds_computed_fields() -> None:
    code, out, _ = run(
        "score", str(FIXTURES / "seed004" / "table8.json"), "--rules", "changji-practice", "--format", "json"
    )
    assert code == 0
    (ev,) = json.loads(out, parse_float=Decimal)
    assert (ev["execution_score"], ev["total_score"], ev["grade"], ev["verified_total"]) == (
        Decimal("7.67"),
        Decimal("93.19"),
        "优",
        Decimal("93.19"),
    )
    assert ev["indicators"][0]["computed_score"] == Decimal("7.73")
    assert ev["indicators"][0]["explanation"] == "实际5.8万人 < 目标6万人：8 × 5.8 ÷ 6 = 7.73"
    assert ev["indicators"][0]["score"] == Decimal("7.74")


def test_score_table_shows_stated_and_computed() -> None:
    code, out, _ = run("score", str(FIXTURES / "seed004" / "table1.json"), "--rules", "changji-practice")
    assert code == 0
    assert "4.93" in out and "4.94" in out
    assert "总分：自评 99.81；计算 99.82" in out


def test_output_json_is_valid_input_again(tmp_path: Path) -> None:
    code, out, _ = run("score", str(FIXTURES / "seed004" / "table2.json"), "--format", "json")
    assert code == 0
    again = tmp_path / "again.json"
    again.write_text(out, encoding="utf-8")
    code2, out2, _ = run("score", str(again), "--format", "json")
    assert code2 == 0
    assert json.loads(out2) == json.loads(out)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"year": 2021}', "：project_name 缺少此字段（可以为 null，但不能省略）"),
        (None, '：[0].indicators[0].weight 应为数字（读到 "十分"）'),
        ("这不是 JSON", "：第 1 行第 1 列 不是有效的 JSON"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "bad.json"
    if content is None:
        data = json.loads((FIXTURES / "seed004" / "table4.json").read_text(encoding="utf-8"))
        data["indicators"][0]["weight"] = "十分"
        content = json.dumps([data], ensure_ascii=False)
    path.write_text(content, encoding="utf-8")
    code, out, err = run("score", str(path))
    assert code == 2
    assert out == ""
    assert err == f"错误：文件 {path}{message}\n"
    assert "Traceback" not in err


def test_missing_file_and_unknown_rules() -> None:
    code, _, err = run("score", "/nonexistent.json")
    assert (code, err) == (2, "错误：文件 /nonexistent.json 不存在\n")
    code, _, err = run("score", str(FIXTURES / "seed004" / "table4.json"), "--rules", "nowhere")
    assert code == 2
    assert err.startswith("错误：没有名为“nowhere”的规则集")


def test_rules_list_and_show() -> None:
    result = runner.invoke(app, ["rules", "list"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    for name in ("national-2020", "ningxia", "changji-practice", "framework-2013"):
        assert name in result.output
    shown = runner.invoke(app, ["rules", "show", "ningxia"])
    assert "定性档次：部分达成年度指标并具有一定效果 50%–80%" in shown.output
    assert "权重：预算执行率 0；指标合计 100（产出指标 40、效益指标 40、满意度指标 20）" in shown.output


def test_schema_lists_the_fixed_names() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    for key in (
        "year",
        "project_name",
        "department",
        "implementing_unit",
        "funds",
        "execution_rate_stated",
        "execution_weight",
        "execution_score_stated",
        "indicators",
        "total_score_stated",
        "grade_stated",
        "execution_rate",
        "execution_score",
        "total_score",
        "grade",
    ):
        assert key in schema["properties"]
    indicator = schema["$defs"]["Indicator"]["properties"]
    for key in (
        "level1",
        "level2",
        "name",
        "target",
        "actual",
        "weight",
        "score",
        "deviation_note",
        "computed_score",
        "explanation",
    ):
        assert key in indicator


def test_demo_scores_the_shipped_projects() -> None:
    code, out, _ = run("demo")
    assert code == 0
    assert "计分与核对结果汇总" in out
    assert "就业技能培训补贴" in out


def test_import_reads_folders_and_reports_failures(shared: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.json"
    code, _, err = run("import", str(shared / "seeds" / "001_cdcd01df25b0754b.txt"), str(tmp_path), "-o", str(out))
    assert code == 1  # one file failed; the batch went on
    assert f"错误：文件 {tmp_path / 'empty.txt'}：文件为空" in err
    assert "共 2 个文件，读出 9 张表（项目支出绩效自评表 9 张）；表格不完整 0 张；警告 0 个；失败 1 个文件" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data) == 9
    assert data[4]["indicators"][5]["weight"] == 15 and data[4]["indicators"][5]["score"] == 20
    assert data[0]["source"] == {
        "file": "001_cdcd01df25b0754b.txt",
        "table": 1,
        "title": data[0]["source"]["title"],
        "location": data[0]["source"]["location"],
        "document_title": None,
    }


def test_import_in_parallel_gives_the_same_result(shared: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert run("import", str(shared / "corpus"), "-o", str(one))[0] == 0
    assert run("import", str(shared / "corpus"), "--jobs", "2", "-o", str(two))[0] == 0
    assert json.loads(one.read_text(encoding="utf-8")) == json.loads(two.read_text(encoding="utf-8"))
    assert len(json.loads(one.read_text(encoding="utf-8"))) == 15


def test_a_doubtful_reading_is_warned_of_by_the_fields_chinese_name() -> None:
    """``jixiao import`` names the field of a doubt as the table names it (项目资金), not by its path."""
    from jixiao.cli.work import _doubts
    from jixiao.model.evaluation import Doubt, Evaluation, Location

    ev = Evaluation(doubts=[Doubt(field="funds", reading=None, alternatives=["年初预算数 192", "全年预算数 192"],
                                  reason="一行只有一个数", location=Location(line=6))])  # fmt: skip
    (line,) = _doubts("a.txt", [ev])
    assert line.startswith("文件 a.txt：第 1 张表") and "的项目资金存疑：一行只有一个数" in line
    assert "funds" not in line
