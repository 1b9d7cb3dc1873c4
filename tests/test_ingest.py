"""Reading the seeds and the corpus (text extractions) into evaluations, exact values."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import rules, scoring
from jixiao.ingest import IngestError, read
from jixiao.ingest.accuracy import Comparison, compare
from jixiao.ingest.batch import read_one
from jixiao.ingest.regions import UnreadTable

D = Decimal
SEED004 = "seeds/004_54816bb8253fb7bd.txt"
SEED001 = "seeds/001_cdcd01df25b0754b.txt"


def test_seed004_has_18_tables(shared: Path) -> None:
    evaluations = read(shared / SEED004)
    assert len(evaluations) == 18
    assert [e.source.table for e in evaluations if e.source] == list(range(1, 19))
    t2 = evaluations[1]
    assert t2.funds is not None
    assert (t2.funds.initial_budget, t2.funds.adjusted_budget, t2.funds.executed) == (
        D("95.00"),
        D("95.00"),
        D("25.95"),
    )
    assert (t2.execution_rate_stated, t2.execution_weight, t2.execution_score_stated) == (D("0.2732"), D(10), D("2.73"))
    assert t2.total_score_stated == D("87.91")
    assert [s.name for s in t2.funds.sources] == ["当年财政拨款", "上年结转资金", "其他资金"]
    assert len(t2.indicators) == 17
    assert t2.year == 2021 and t2.department == t2.implementing_unit == "昌吉回族自治州社会保险管理局本级"


def test_seed004_rows_and_provenance(shared: Path) -> None:
    t8 = read(shared / SEED004)[7]
    first = t8.indicators[0]
    assert (first.level1, first.level2, first.target, first.actual, first.weight, first.score) == (
        "产出指标",
        "数量指标",
        ">=6万人",
        "5.8万人",
        D(8),
        D("7.74"),
    )
    assert first.deviation_note is not None and first.deviation_note.startswith("因部分参保人员")
    assert first.provenance["score"].line is not None
    assert t8.provenance["project_name"].line is not None
    # the '/' placeholder rows (经济效益, 生态效益) are not indicators
    assert [i.level2 for i in t8.indicators].count("经济效益指标") == 0


def test_seed004_ingested_and_scored(shared: Path) -> None:
    t1 = read(shared / SEED004)[0]
    result = scoring.score(t1, rules.get("changji-practice"))
    assert (result.execution.score, result.total) == (D("9.88"), D("99.82"))  # stated 99.81: 4.93 vs 4.94


def test_seed001_has_9_tables(shared: Path) -> None:
    evaluations = read(shared / SEED001)
    assert len(evaluations) == 9
    t5 = evaluations[4]
    social = next(i for i in t5.indicators if i.level2 == "社会效益指标")
    assert (social.weight, social.score) == (D(15), D(20))  # kept as stated
    assert t5.funds is not None and t5.funds.adjusted_budget == D("22.79")
    assert [e.total_score_stated for e in evaluations] == [D(100)] * 3 + [None] + [D(100)] * 3 + [None, D(100)]
    t7 = evaluations[6]
    assert [i.score for i in t7.indicators].count(None) == 2
    t3 = evaluations[2]
    assert t3.indicators[6].name == "社会效益指标"  # an indicator named like a 二级 label


def test_corpus_accuracy(shared: Path) -> None:
    overall = Comparison()
    for txt in sorted((shared / "corpus").glob("[0-9][0-9][0-9].txt")):
        evaluations = read(txt)
        assert evaluations, f"{txt.name}: no table read"
        want = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        overall.merge(compare(evaluations[0], want))
    assert overall.accuracy >= 0.98
    for name in ("indicators.name", "indicators.target", "indicators.weight", "indicators.score"):
        assert overall.matched[name] == overall.compared[name], name


def test_kind_and_title_read_past_a_web_page(shared: Path) -> None:
    """Corpus 061 is a 部门整体 table under a government site's breadcrumb: its kind and title
    come from the title above the table, not from the page's first lines."""
    (ev,) = read(shared / "corpus" / "061.txt")
    assert ev.kind.value == "部门整体支出绩效自评表"
    assert ev.source is not None and ev.source.title == "2021年林业局部门整体支出绩效自评表"
    targets = read(shared / "corpus" / "063.txt")[0]
    assert targets.kind.value == "绩效目标表"
    assert targets.source is not None and targets.source.title == "临邑县师范附属小学项目支出目标申报表"


def test_a_titled_table_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    doc = tmp_path / "附件.txt"
    doc.write_text("\t某某单位部门整体支出绩效自评表\n\t说明\n\t本表另附。\n", encoding="utf-8")
    with pytest.warns(UnreadTable) as caught:
        assert read(doc) == []
    assert [str(w.message) for w in caught] == [
        "文件 附件.txt：第1行识别到“某某单位部门整体支出绩效自评表”，"
        "但未能读出其中的表格（没有找到项目名称、资金或绩效指标）"
    ]
    outcome = read_one(doc)
    assert (outcome.evaluations, outcome.error, len(outcome.unread)) == ([], None, 1)


def test_tables_read_raise_no_unread_warning(shared: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnreadTable)
        for txt in [*sorted((shared / "seeds").glob("*.txt")), *sorted((shared / "corpus").glob("*.txt"))]:
            read(txt)


def test_target_form_funds_from_their_parts(shared: Path) -> None:
    """Corpus 025 (申报表) leaves 年度资金总额 blank and lists (一)财政拨款小计 6.30, (二)自有资金小计
    0.00, (三)其他收入 0.00 below it: the total is their sum, each part a source."""
    funds = read(shared / "corpus" / "025.txt")[0].funds
    assert funds is not None and funds.initial_budget == D("6.30")
    assert [(s.name, s.initial_budget) for s in funds.sources] == [
        ("财政拨款", D("6.30")),
        ("自有资金", D("0.00")),
        ("其他收入", D("0.00")),
    ]


def test_regional_form_total_beside_self_score(shared: Path) -> None:
    """Corpus 015 (区域绩效目标自评表) states its total beside 自评得分 at the top, no 总分 row."""
    ev = read(shared / "corpus" / "015.txt")[0]
    assert ev.total_score_stated == D(100)
    assert ev.provenance["total_score_stated"].line == 27


def test_gbk_text_is_read(shared: Path, tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes((shared / SEED004).read_text(encoding="utf-8").encode("gb18030"))
    assert [e.model_dump(exclude={"source", "provenance"}) for e in read(gbk)] == [
        e.model_dump(exclude={"source", "provenance"}) for e in read(shared / SEED004)
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "文件为空"), (b"\x00\x01\x02binary\x00junk", "不是文本文件（含二进制数据）")],
)
def test_bad_files_name_the_problem(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as exc:
        read(path)
    assert str(exc.value) == f"文件 {path}：{message}"


def test_unsupported_format_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.pptx"
    path.write_bytes(b"x")
    with pytest.raises(IngestError, match="暂不支持的文件格式"):
        read(path)


def test_seed002_evaluation_and_scoring_sheet(shared: Path) -> None:
    (ev,) = read(shared / "seeds" / "002_47a905f118a897a3.txt")
    assert (ev.year, ev.project_attribute, ev.project_period) == (2020, "经常性项目", "2020-01-01至2020-12-31")
    assert ev.funds is not None
    assert (ev.funds.initial_budget, ev.funds.allocated, ev.funds.executed) == (
        D("2536.08"),
        D("2364.01"),
        D("2364.01"),
    )
    quantity = next(i for i in ev.indicators if i.level2 == "数量指标")
    assert (quantity.level1, quantity.progress_stated) == ("产出指标", D("0.9313"))
    assert len(ev.scoring_items) == 21  # 投入 6, 过程 6, 产出 4, 效果 5
    assert [(s.level1, s.weight, s.score) for s in ev.subtotals_stated] == [
        ("投入", D(20), D("19.80")),
        ("过程", D(20), D("20.00")),
        ("产出", D(30), D("30.00")),
        ("效果", D(30), D("30.00")),
    ]
    arrival = next(i for i in ev.scoring_items if i.name == "资金到位率")
    assert (arrival.level1, arrival.level2, arrival.weight, arrival.score) == ("投入", "资金落实", D(3), D("2.80"))
    assert (ev.total_score_stated, ev.grade_stated) == (D("99.80"), "优")
    result = scoring.score(ev, rules.get("framework-2013"))
    assert (result.total, result.grade) == (D("99.25"), "优")  # 实际完成率 8 × 93.13% = 7.45, stated 8


def test_seed000_narrative_report(shared: Path) -> None:
    evaluations = read(shared / "seeds" / "000_ce0902d32becac69.txt")
    assert len(evaluations) == 9
    assert {e.kind.value for e in evaluations} == {"绩效自评报告"}
    assert [e.year for e in evaluations] == [2021] * 9  # the title's year (the figures are 2020's)
    budgets = [e.funds.initial_budget if e.funds else None for e in evaluations]
    assert budgets == [D(192), D(841), D(196), D(616), D(12), D(15), D("219.3"), D("44.4"), D(11400)]
    p4 = evaluations[3]
    assert p4.project_name == "企业离退休人员2020年民族团结奖"
    assert [(i.level1, i.level2, i.target) for i in p4.indicators[:2]] == [
        ("产出指标", "数量指标", "4708人"),
        ("产出指标", "数量指标", "3人"),
    ]  # targets wrapped onto the next line
    assert p4.indicators[-1].level1 == "满意度指标" and p4.indicators[-1].target == "95%"
    assert len(evaluations[0].indicators) == 30
    assert all(i.actual is None and i.score is None for e in evaluations for i in e.indicators)
