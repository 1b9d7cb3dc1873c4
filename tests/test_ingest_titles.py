"""A project named by the table's title, a year stated by the project's period (jixiao.ingest.titles)."""

from __future__ import annotations

from jixiao.ingest import labels
from jixiao.ingest.titles import project_from_title, year_of_period


def test_the_project_stands_between_the_year_and_the_kind_words() -> None:
    kinds = labels.TITLE_KINDS
    assert project_from_title("2021年度本专科生奖助学金项目自评结果", kinds) == "本专科生奖助学金项目"
    assert project_from_title("某某县2024年度中央对地方转移支付某服务项目绩效自评表", kinds) == (
        "中央对地方转移支付某服务项目"
    )
    assert project_from_title("2019 年度 某县高中助学金项目绩效评价指标表", kinds) == "某县高中助学金项目"


def test_the_forms_own_compound_is_cut_off_whole() -> None:
    kinds = labels.TITLE_KINDS
    assert project_from_title("某县2021年度社保卡制作经费项目支出绩效自评表", kinds) == "社保卡制作经费"
    assert project_from_title("2021年度某中心项目项目支出绩效自评表", kinds) == "某中心项目"
    assert project_from_title("2021年度某中心项目绩效自评表", kinds) == "某中心项目"  # the name keeps its word


def test_a_title_that_is_only_its_kind_names_no_project() -> None:
    kinds = labels.TITLE_KINDS
    assert project_from_title("2021年度项目支出绩效自评表", kinds) is None
    assert project_from_title("某局2023年度部门整体绩效自评表", kinds) is None
    assert project_from_title("项目支出绩效自评表", kinds) is None  # no year


def test_a_sentence_with_a_year_is_not_a_title() -> None:
    kinds = labels.TITLE_KINDS
    assert project_from_title("2021年度，本单位认真开展项目自评，形成自评报告", kinds) is None
    assert project_from_title("2021年度某项目实施情况", kinds) is None  # no kind words


def test_a_period_within_one_year_states_that_year() -> None:
    assert year_of_period("2016年1月起至2016年12 月止") == 2016
    assert year_of_period("2016年1月-2017年6月") is None
    assert year_of_period("长期") is None
    assert year_of_period(None) is None
