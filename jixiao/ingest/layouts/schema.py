"""The schema of a layout file and the merged catalogue the extractor reads."""

from __future__ import annotations

import os
import re
import tomllib
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from jixiao.ingest.normalise import label_key

SHIPPED = Path(__file__).parent
ENVIRONMENT = "JIXIAO_LAYOUTS"


class Column(StrEnum):
    """Columns of the indicator table after 三级指标."""

    NATURE = "nature"
    VALUE = "value"
    UNIT = "unit"
    TARGET = "target"
    ACTUAL = "actual"
    WEIGHT = "weight"
    SCORE = "score"
    NOTE = "deviation_note"
    METHOD = "method"
    PROGRESS = "progress"
    RECHECK = "recheck_score"
    REVIEW_COMMENT = "review_comment"  # 复核意见: the reviewer's words, kept apart from the deviation note
    REMARK = "remark"  # 备注: kept apart from the deviation note
    BASIS = "basis"  # 指标标准或依据, 指标解释: read past, not kept
    STANDARD = "standard"  # 评分标准: the scoring rule as text, kept as the row's ``standard``
    SKIP = "skip"  # 行次, 列次, an export's ID: read past


class Level(StrEnum):
    """The level columns of an indicator table: 一级, 二级 and 三级 (the indicator's name)."""

    LEVEL1 = "level1"
    LEVEL2 = "level2"
    NAME = "level3"


class FundColumn(StrEnum):
    INITIAL = "initial_budget"
    ADJUSTED = "adjusted_budget"
    EXECUTED = "executed"
    WEIGHT = "weight"
    RATE = "rate"
    SCORE = "score"


class StagedFund(StrEnum):
    """The stages of funds written each behind its own label (2013 framework)."""

    INITIAL = "initial_budget"
    ADJUSTED = "adjusted_budget"
    ALLOCATED = "allocated"
    EXECUTED = "executed"
    BALANCE = "balance"


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"不是有效的正则表达式：{exc}") from None
    return pattern


def _all_compile(patterns: list[str]) -> list[str]:
    return [_compiles(p) for p in patterns]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(_Part):
    name: str = Field(min_length=1)
    description: str = ""


class Fields(_Part):
    """Header fields: the labels whose next cell is the value (in order of preference)."""

    project_name: list[str] = []
    department: list[str] = []
    implementing_unit: list[str] = []
    project_attribute: list[str] = []
    project_period: list[str] = []


class FieldWords(_Part):
    """Header field labels no layout names, read by their words (项目承担单位, 主管单位): a short
    cell above the funds and indicator blocks ending with one of ``ends`` and holding one of a
    field's words labels that field — every label set is open."""

    ends: list[str] = []
    department: list[str] = []
    implementing_unit: list[str] = []


class FundLabels(_Part):
    total: list[str] = []
    budget: list[str] = []
    """Labels of a budget written as a label/value pair (区域 forms: 预算数: 2.38)."""
    executed: list[str] = []
    columns: dict[str, FundColumn] = {}
    sources: dict[str, str] = {}
    parts: list[str] = []
    """Regular expressions of a top-level part listed under a blank total ((一)财政拨款小计); group 1 its name."""
    staged: dict[str, StagedFund] = {}
    """Funds written stage by stage, each behind its own label (预算资金 | 预算下达资金 | 实际支出资金);
    read so when an ``allocated`` label is there."""
    column_words: dict[str, FundColumn] = {}
    """Words of a funds header no layout names, in order, and the column a header holding one heads
    (年初预算 holds 年初, 实际支出 holds 支出); read only on the line or row of known headers."""
    header_prefixes: dict[str, FundColumn] = {}
    """Words a header cell of the funds block starts with (得分(20分), 执行率(%)): its column."""
    unit_marks: dict[str, str] = {}
    """Marks a label of the funds block ends with that state the unit of its amounts
    (年初预算数（元）, 项目资金（万元）: (元) → 元; none stated anywhere: the model's default 万元)."""
    unit_lines: list[str] = []
    """Regular expressions of a line above or beside the table that states the unit of its
    amounts (单位：元, 金额单位：万元), searched in a cell; group 1 the unit, one of unit_marks' units."""
    unit_sizes: dict[str, Decimal] = {}
    """Each unit of unit_marks' units in 元 (万元 = 10000): an amount whose own cell states another
    unit than the table's (131.22万元 in a table of 元) is read in the table's unit."""
    amount_with_unit: str = ""
    """A regular expression of a cell that is one amount followed by its unit (131.22万元);
    group 1 the amount, group 2 the unit."""
    points_words: list[str] = []
    """Words of a header cell that states the execution block's points (执行率 (10分)), inside a cell."""
    source_patterns: list[str] = []
    """Regular expressions of a source named by a level of government with 财政/补助/资金 (中央财政,
    地方资金), matched against the reduced label: a source by its own name."""
    source_prefixes: list[str] = []
    """The word a source's label may start with (其中:中央补助), with or without its colon."""
    points_pattern: str = ""
    """A regular expression of the points written in a funds header cell (得分(10分*执行率)); group 1."""

    _check = field_validator("parts", "source_patterns", "unit_lines")(_all_compile)
    _check_points = field_validator("points_pattern", "amount_with_unit")(lambda p: _compiles(p) if p else p)


class GoalLabels(_Part):
    expected: list[str] = []
    actual: list[str] = []
    overall: list[str] = []
    """The overall goal's own label (年度总体目标): where the funds block ends."""


class IndicatorLabels(_Part):
    levels: list[str] = []
    """Headers over the level columns that head none of them alone (绩效指标(二级))."""
    names: list[str] = []
    """Headers of the 三级 column: 三级指标, or the name (指标名称)."""
    level1: list[str] = []
    """Headers of the 一级 column: 一级指标, or another name (评价指标 of a 绩效评价指标表)."""
    level2: list[str] = []
    """Headers of the 二级 column: 二级指标, or another name (评价内容)."""
    numbering: list[str] = []
    """Labels of a row or column that only numbers the others (列次, 栏次): read past with its figures."""
    columns: dict[str, Column] = {}
    column_words: dict[str, Column] = {}
    """Words of a header no layout names, in order, and the column a header holding one heads
    (扣分情况说明 holds 说明: the deviation note) — every label set is open; read only on the
    header's own line after its other headers, so a row's words are never taken for a header."""
    generic_words: list[str] = []
    """Words of ``column_words`` that name a column only where the header holds no word of another
    column (实际指标值 holds 指标值 and 实际: the actual's header, not a target's)."""
    orders: list[list[Column]] = []
    """The column sequences (after 三级) this layout's indicator table has, for reading rows whose
    header is not in the text (a page that begins inside the table): the one they fit best."""
    sections: list[str] = []
    """Headings over the indicator block (年度绩效指标): a heading, never a row or a value."""
    method_words: list[str] = []
    """Words of a 得分计算方法 cell, the scoring rule written out (inside a cell, as written)."""
    nature_words: list[str] = []
    """Words of a 指标性质 cell besides a comparison sign (正向, 定性): not part of the target."""
    not_applicable: list[str] = []
    """A cell of a row that marks the indicator as not applying (不适用), the whole cell."""
    part_prefixes: list[str] = []
    """Words a row's name opens with that make it a part of the row above (其中…): it stands in the
    row above's 二级 (a centred label's run never begins with it)."""
    note_placeholders: list[str] = []
    """What a row's 偏差原因 / 备注 cell holds for "nothing to explain" that reads like a figure (0):
    a text column may hold it (a row placed by its columns keeps it there)."""
    level2_under_level1: list[str] = []
    """Words a label starts with that is both a 一级 and a 二级 (成本指标): under a 一级 it is a
    二级 of it, unless 二级 labels follow it (then it heads them)."""
    level_suffix: list[str] = []
    """The word a 一级 label ends with when it is named from its dimension (产出 → 产出指标); the first wins."""
    level1_words: list[str] = []
    """The words of a 一级 label (产出, 效益, 项目完成), before one of ``level_endings``."""
    level_endings: list[str] = []
    """What a 一级 or 二级 label may end with after its word (产出指标, 产出值)."""
    level_list_marks: list[str] = []
    """What a 二级 label may close with after its ending (数量指标等)."""
    subheaders: list[str] = []
    """Regular expressions of the second-row header cells under 指标值 (2021年实际实现值): read past."""
    qualitative: list[str] = []
    """Words a written-out target or actual ends in (长期, 有效, 提高): where a row's cells ran
    together, text ending in one holds a target, which begins at that word."""
    value_bounds: list[str] = []
    """Words that bound a value after its unit (``2天内``, ``90%以上``): not part of the unit."""
    measure_endings: list[str] = []
    """Words a row's name ends in when it names what its value measures (人数, 补贴标准, 面积):
    where rows ran together, a value with its unit straight after one is that row's own."""
    per_unit_prefixes: list[str] = []
    """Words opening a value written per unit before its figure (每 in ``每亩300``): where rows ran
    together, figures followed by one end no row — the row's actual follows."""
    attributive_marks: list[str] = []
    """Words after a value that make it qualify the words after it (的 in ``档次为100元的人数``): no
    row's name opens with one, so the value is the name's own."""
    per_prefixes: list[str] = []
    """Words before a rate per period written out (平均 in ``平均每月2次``): part of the value."""
    qualifiers: list[str] = []
    """Words that qualify a written-out target's last word (有效 in 有效保障, 有所 in 有所提升): where
    a row's cells ran together, the target begins at one just before that word."""
    name_endings: list[str] = []
    """Words an indicator's name closes on (性 in 及时性, 情况 in 改善情况, 影响 in 持续影响): where a
    row's cells ran together, a written-out target does not begin before one (…及时性 | 及时, not
    …到位 | 及时性及时) — a target names no measure, the name does."""
    grade_scale: list[str] = []
    """The words of a rating scale (优, 良, 中, 差): a 定性 target written as the scale (优良中差)
    with its actual one of them after it, where a row's cells ran together."""
    time_limits: list[str] = []
    """Regular expressions of a time limit written before a target's word (一周内 in 一周内完成, 3个
    工作日内): where a row's cells ran together, the target begins at one just before that word."""

    sign_misreads: list[str] = []
    """What a scanned page's ``≥`` is read as when it stands right before a value's figure (``^90%``,
    ``工90%``): no value opens with one of them, so the sign is given back."""

    _check = field_validator("subheaders", "time_limits")(_all_compile)


class TableLabels(_Part):
    totals: list[str] = []
    ends: list[str] = []
    scoring_sheet: list[str] = []
    framework_level1: list[str] = []
    score_totals: list[str] = []
    """Total lines whose label names the score (得分合计): their one figure is the score, never
    the weights' sum."""
    sheet_total: list[str] = []
    """The 评分表's own total line (综合得分)."""
    sheet_grade: list[str] = []
    """The 评分表's grade line (评价结果等次)."""
    grade_labels: list[str] = []
    """A grade's own label after the 总分 row (评价等级 | 优): the grade word beside it is the table's."""
    form_end: list[str] = []
    """Words of a form's closing lines or a web page's footer (盖章, 填报人, ICP备): a table that
    reaches them ended where the form ends, it was not cut off.  Matched inside a cell."""
    self_score: list[str] = []
    """A total stated near the top beside this label (区域 forms' 自评得分), with no 总分 row."""
    weight_sums: list[str] = []
    """Total lines whose lone figure is the weight sum, the score left blank (合计)."""
    sheet_end: list[str] = []
    """Words a line starts with where a 评分表 ends (评价人员, 负责人 and its signature)."""
    label_tails: list[str] = []
    """The cell that completes a label wrapped onto it (一级 + 指标, 资金 + (万元))."""
    closing_rows: list[str] = []
    """Words of the 一级 or 二级 a target form's last rows stand under when the form is whole (满意度)."""
    recheck_sheets: list[str] = []
    """Words of a sheet's name or a table's title that make it the reviewer's copy of a
    self-evaluation (复核): beside that self-evaluation in one workbook, its figures are the rows'
    复核得分 (``recheck_sheets``), not a second evaluation of the project."""
    reason_sections: list[str] = []
    """Sections after the rows where the deviation reasons are written (偏差大或目标未完成原因分析)."""
    label_prefixes: list[str] = []
    """A cell that starts with one of these is a label (项目资金(万元)); in text run together only the
    word alone or with its bracket closed is one."""
    other_labels: list[str] = []
    """Labels of the form besides the fields' and sections' own (年度总体目标): never a value."""
    page_end: list[str] = []
    """Regular expressions searched in a cell's reduced text: a form's signatures and notes, a web
    page's footer — a table ends there."""
    page_furniture: list[str] = []
    """Regular expressions a whole line of text matches when it is a page's furniture, not the
    table's (第 2 页 共 3 页, a URL printed in a page's margin): the line is read as empty, so a
    table cut by a page break goes on after it."""
    page_furniture_near: list[str] = []
    """Lines that are furniture only beside a ``page_furniture`` line (a bare ``2/3`` after a URL):
    alone such a line may be a cell (a ratio)."""
    run_together: list[str] = []
    """Labels that open a cell where a page's text ran together (besides every label of the layouts),
    as written."""
    run_together_units: list[str] = []
    """Units a figure keeps in text run together (万元 before 元: the first that fits), as written."""
    name_words: list[str] = []
    """Words a project's name keeps at its end (某某服务项目): a title's kind words that begin with
    one are never cut off a name."""
    kind_compounds: list[str] = []
    """Words that open a title's kind with a name word yet belong to the kind (项目支出: the
    form's own word): such a kind is cut off a name whole (某经费项目支出绩效自评表 names 某经费)."""
    title_kinds: list[str] = []
    """The kind words a title ends with (绩效自评表, 自评结果): what stands between a title's year and
    them names the project when the form has no 项目名称 cell."""

    _check = field_validator("page_end", "page_furniture", "page_furniture_near")(_all_compile)


class TitleWords(_Part):
    """How a table's title is told and what it says of the table, as written inside the title."""

    words: list[str] = []
    """A title names one of these (自评, 目标, 评分) before one of ``forms``."""
    forms: list[str] = []
    """The word a title ends its kind with (表)."""
    department_overall: list[str] = []
    """A title with one of these (部门整体) is a 部门整体 table."""
    targets: list[str] = []
    """A title with one of these (目标申报表, 批复表) and none of ``self_evaluation`` is a target form."""
    self_evaluation: list[str] = []
    year: list[str] = []
    """What follows a year in a title or header (2020年度)."""
    year_loose: list[str] = []
    """What follows a year in a title that names one of ``year_loose_in`` (2020年…自评表)."""
    year_loose_in: list[str] = []
    year_marks: list[str] = []
    """Marks of a year line above a table (…年度)), part of the table's head."""
    year_cells: list[str] = []
    """Regular expressions a cell of the table's head that states only its year matches whole
    (（2024年）, 评价年度：2022年); group 1 is the year."""


class ReportPatterns(_Part):
    """A narrative 自评报告 (no table): how its lines are written, as regular expressions matched
    line by line.  A report layout is chosen when its head has one of ``recognised_by`` and it
    has at least ``min_indicators`` indicator lines."""

    recognised_by: list[str] = Field(min_length=1)
    """Words of the report's title, in its first lines (自评报告)."""
    min_indicators: int = Field(default=3, ge=1)
    indicator: str
    """An indicator line; group 1 is the rest of it (name：target)."""
    level1: str
    """A 一级 heading; group 1 is its dimension word, named by ``level1_label``."""
    level1_label: str = "{}"
    """The 一级 named from the heading's word (``{}指标``)."""
    fund_sentence: list[str] = []
    """Words every funds sentence has (共计, 其中)."""
    fund_parts_after: str = ""
    """The word after which a funds sentence lists its parts (其中)."""
    fund_pair: str
    """One part of a funds sentence: group 1 the name, group 2 the amount."""
    title_year: str
    """The year in the report's title; group 1."""
    sentence_year: str
    """The year a funds sentence starts with; group 1."""
    unit_before: str = ""
    """The implementing unit is the title's text before this word (项目)."""

    _check = field_validator("indicator", "level1", "fund_pair", "title_year", "sentence_year")(_compiles)


class NarrativePatterns(_Part):
    """A narrative 自评报告 of one project: numbered chapters and headings, the funds in a sentence,
    indicators as sentences, the score and grade in the conclusion; all matched line by line."""

    recognised_by: list[str] = Field(min_length=1)
    """Words of the report's title, in its first lines."""
    markers: list[str] = Field(min_length=1)
    """A heading's numbering (一、 / （一） / 1. / 第一部分), one pattern per style."""
    results_chapter: list[str] = Field(min_length=1)
    """Words of the chapter heading the indicators are written under (完成情况)."""
    funds_chapter: list[str] = Field(min_length=1)
    """Words of the chapter heading the funds are written under (资金)."""
    heading_tails: list[str] = []
    """Words after an 一级 / 二级 name in its heading (完成情况)."""
    title: list[str] = Field(min_length=1)
    """The title: groups ``project`` and ``year`` (either may be absent)."""
    fields: dict[str, list[str]] = {}
    """Labels of the header fields written ``标签：值`` or ``标签为值`` (field name → labels)."""
    field_joiner: str = "[:：]"
    """What stands between a header field's label and its value (a colon, or words such as 为)."""
    amount: str
    """An amount in a funds clause; group 1."""
    rate: str
    """The execution rate in a funds clause; group 1 (percent)."""
    funds: dict[str, list[str]] = {}
    """A funds clause's words naming its figure (initial_budget / adjusted_budget / executed / rate)."""
    rows: list[str] = Field(min_length=1)
    """An indicator sentence, tried in order: groups ``name``, ``target``, ``actual`` (either may be absent)."""
    not_in_values: list[str] = []
    """Words that never stand in a target or actual read (a sentence read wrong), left empty with a doubt."""
    score: str
    """The total score in the conclusion; group 1."""
    grade: str
    """The grade in the conclusion; group 1."""

    _check = field_validator("amount", "rate", "score", "grade")(_compiles)
    _check_lists = field_validator("markers", "title", "rows")(_all_compile)


class Layout(_Part):
    layout: Meta
    report: ReportPatterns | None = None
    narrative: NarrativePatterns | None = None
    titles: TitleWords = TitleWords()
    fields: Fields = Fields()
    field_words: FieldWords = FieldWords()
    funds: FundLabels = FundLabels()
    goals: GoalLabels = GoalLabels()
    indicators: IndicatorLabels = IndicatorLabels()
    table: TableLabels = TableLabels()


class LayoutError(ValueError):
    """A layout file that cannot be used; the message names the file and the field."""


def load_layout(path: Path) -> Layout:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LayoutError(f"版式文件 {path} 无法读取：{exc}") from None
    try:
        return Layout.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise LayoutError(f"版式文件 {path}：{where} {err['msg']}") from None


def _key(label: str) -> str:
    return label_key(label)


class Catalogue:
    """Every layout merged: each label set is the union of the layouts' sets, in file order,
    reduced to the form cells are compared in (``labels.key``)."""

    qualitative: tuple[str, ...]
    qualifiers: tuple[str, ...]
    name_endings: tuple[str, ...]
    grade_scale: tuple[str, ...]
    value_bounds: tuple[str, ...]
    per_prefixes: tuple[str, ...]
    measure_endings: tuple[str, ...]
    per_unit_prefixes: tuple[str, ...]
    attributive_marks: tuple[str, ...]

    def __init__(self, layouts: list[Layout]) -> None:
        self.layouts = layouts
        self.fields = {f: self._list(lambda lay, f=f: getattr(lay.fields, f)) for f in Fields.model_fields}
        self.fund_total = set(self._list(lambda lay: lay.funds.total))
        self.budget_labels = set(self._list(lambda lay: lay.funds.budget))
        self.executed_labels = set(self._list(lambda lay: lay.funds.executed))
        self.fund_headers: dict[str, FundColumn] = self._map(lambda lay: lay.funds.columns)
        self.fund_sources: dict[str, str] = self._map(lambda lay: lay.funds.sources)
        self.goal_expected = set(self._list(lambda lay: lay.goals.expected))
        self.goal_actual = set(self._list(lambda lay: lay.goals.actual))
        self._level_sets()
        self.numbering = set(self._list(lambda lay: lay.indicators.numbering))
        self.indicator_headers: dict[str, Column] = self._map(lambda lay: lay.indicators.columns)
        self.totals = set(self._list(lambda lay: lay.table.totals))
        self.table_end = set(self._list(lambda lay: lay.table.ends))
        self.scoring_sheet = set(self._list(lambda lay: lay.table.scoring_sheet))
        self.framework_level1 = set(self._list(lambda lay: lay.table.framework_level1))
        self.sections = set(self._list(lambda lay: lay.indicators.sections))
        self.score_totals = set(self._list(lambda lay: lay.table.score_totals))
        self._value_words()
        self.sheet_total = set(self._list(lambda lay: lay.table.sheet_total))
        self.sheet_grade = set(self._list(lambda lay: lay.table.sheet_grade))
        self.grade_labels = set(self._list(lambda lay: lay.table.grade_labels))
        self.form_end = tuple(self._list(lambda lay: lay.table.form_end))
        self.staged_funds: dict[str, StagedFund] = self._map(lambda lay: lay.funds.staged)
        self.fund_header_prefixes: dict[str, FundColumn] = self._map(lambda lay: lay.funds.header_prefixes)
        self._open_words()
        self._fund_units()
        self.points_words = tuple(self._raw(lambda lay: lay.funds.points_words))
        self.goal_overall = set(self._list(lambda lay: lay.goals.overall))
        self._row_words()
        self.self_score = set(self._list(lambda lay: lay.table.self_score))
        self.weight_sums = set(self._list(lambda lay: lay.table.weight_sums))
        self.sheet_end = tuple(self._list(lambda lay: lay.table.sheet_end))
        self.label_tails = set(self._list(lambda lay: lay.table.label_tails))
        self.closing_rows = tuple(self._raw(lambda lay: lay.table.closing_rows))
        self.recheck_sheets = tuple(self._list(lambda lay: lay.table.recheck_sheets))
        self.fund_parts = tuple(re.compile(p) for p in self._raw(lambda lay: lay.funds.parts))
        self.reports = [lay.report for lay in layouts if lay.report is not None]
        self.narratives = [lay.narrative for lay in layouts if lay.narrative is not None]
        self.titles = {f: tuple(self._raw(lambda lay, f=f: getattr(lay.titles, f))) for f in TitleWords.model_fields}
        self.column_orders = list(dict.fromkeys(tuple(o) for lay in layouts for o in lay.indicators.orders))
        self.title_kinds = tuple(self._list(lambda lay: lay.table.title_kinds))
        self._vocabulary_sets()
        self.reason_sections = set(self._list(lambda lay: lay.table.reason_sections))

    def _row_words(self) -> None:
        """The words an indicator row's cells are told by (a scoring rule, a 指标性质, 不适用, a
        note's "nothing to explain", a 其中 part, a 一级 named from its dimension)."""
        self.method_words = tuple(self._raw(lambda lay: lay.indicators.method_words))
        self.nature_words = set(self._raw(lambda lay: lay.indicators.nature_words))
        self.not_applicable = set(self._raw(lambda lay: lay.indicators.not_applicable))
        self.level2_under_level1 = tuple(self._list(lambda lay: lay.indicators.level2_under_level1))
        self.note_placeholders = set(self._raw(lambda lay: lay.indicators.note_placeholders))
        self.part_prefixes = tuple(self._list(lambda lay: lay.indicators.part_prefixes))
        self.level_suffix = next(iter(self._raw(lambda lay: lay.indicators.level_suffix)), "")

    def _open_words(self) -> None:
        """The words that read labels no layout names (column and field headers), in order."""
        self.column_words = tuple(self._map(lambda lay: lay.indicators.column_words).items())
        self.generic_column_words = frozenset(self._raw(lambda lay: lay.indicators.generic_words))
        self.fund_column_words = tuple(self._map(lambda lay: lay.funds.column_words).items())
        self.field_word_ends = tuple(self._raw(lambda lay: lay.field_words.ends))
        self.field_words = {f: tuple(self._raw(lambda lay, f=f: getattr(lay.field_words, f)))
                            for f in ("department", "implementing_unit")}  # fmt: skip

    def _fund_units(self) -> None:
        """The marks and lines that state the funds' unit; a funds label keeps its meaning with a
        mark after it (年初预算数(元) is 年初预算数's column, 预算数(元) a budget label)."""
        self.unit_marks: dict[str, str] = {}
        for lay in self.layouts:
            for mark, unit in lay.funds.unit_marks.items():
                self.unit_marks.setdefault(_key(mark), unit)
        self.fund_unit_lines = tuple(re.compile(p) for p in self._raw(lambda lay: lay.funds.unit_lines))
        self.unit_sizes: dict[str, Decimal] = {}
        for lay in self.layouts:
            for unit, size in lay.funds.unit_sizes.items():
                self.unit_sizes.setdefault(unit, size)
        self.amount_with_unit = next(
            (re.compile(lay.funds.amount_with_unit) for lay in self.layouts if lay.funds.amount_with_unit), None
        )
        for mark in self.unit_marks:
            for label, col in list(self.fund_headers.items()):
                self.fund_headers.setdefault(label + mark, col)
            self.budget_labels |= {label + mark for label in self.budget_labels if not label.endswith(mark)}
            self.executed_labels |= {label + mark for label in self.executed_labels if not label.endswith(mark)}

    def _value_words(self) -> None:
        """The words of values written out: what a target ends in, qualifies it, bounds a figure."""
        for name in (
            "qualitative",
            "qualifiers",
            "name_endings",
            "grade_scale",
            "value_bounds",
            "per_prefixes",
            "measure_endings",
            "per_unit_prefixes",
            "attributive_marks",
        ):
            setattr(self, name, tuple(self._list(lambda lay, name=name: getattr(lay.indicators, name))))

    def _vocabulary_sets(self) -> None:
        """The words of labels matched by pattern, prefix or ending (as written, in file order)."""
        self.source_patterns = tuple(re.compile(p) for p in self._raw(lambda lay: lay.funds.source_patterns))
        self.source_prefixes = tuple(self._raw(lambda lay: lay.funds.source_prefixes))
        self.funds_points = next(
            (re.compile(lay.funds.points_pattern) for lay in self.layouts if lay.funds.points_pattern), None
        )
        self.level1_words = tuple(self._raw(lambda lay: lay.indicators.level1_words))
        self.level_endings = tuple(self._raw(lambda lay: lay.indicators.level_endings))
        self.level_list_marks = tuple(self._raw(lambda lay: lay.indicators.level_list_marks))
        self.subheaders = tuple(re.compile(p) for p in self._raw(lambda lay: lay.indicators.subheaders))
        self.time_limits = tuple(re.compile(f"(?:{p})$") for p in self._raw(lambda lay: lay.indicators.time_limits))
        self.sign_misreads = tuple(self._raw(lambda lay: lay.indicators.sign_misreads))
        self.label_prefixes = tuple(self._raw(lambda lay: lay.table.label_prefixes))
        self.other_labels = set(self._list(lambda lay: lay.table.other_labels))
        self.page_end = tuple(self._raw(lambda lay: lay.table.page_end))
        self.page_furniture = tuple(self._raw(lambda lay: lay.table.page_furniture))
        self.page_furniture_near = tuple(self._raw(lambda lay: lay.table.page_furniture_near))
        self.run_together = set(self._raw(lambda lay: lay.table.run_together))
        self.run_together_units = tuple(self._raw(lambda lay: lay.table.run_together_units))
        self.name_words = tuple(self._raw(lambda lay: lay.table.name_words))
        self.kind_compounds = tuple(self._raw(lambda lay: lay.table.kind_compounds))

    def _level_sets(self) -> None:
        """The headers of the level columns: 三级 by its name (指标名称), 一级 / 二级 under other names
        (评价指标, 评价内容), and every one of them together."""
        self.name_headers = set(self._list(lambda lay: lay.indicators.names))
        self.level1_headers = set(self._list(lambda lay: lay.indicators.level1))
        self.level2_headers = set(self._list(lambda lay: lay.indicators.level2))
        levels = set(self._list(lambda lay: lay.indicators.levels))
        self.level_headers = levels | self.name_headers | self.level1_headers | self.level2_headers

    def _list(self, get: object) -> list[str]:
        out: dict[str, None] = {}
        for lay in self.layouts:
            for label in get(lay):  # type: ignore[operator]
                out.setdefault(_key(label), None)
        return list(out)

    def _raw(self, get: object) -> list[str]:
        """Words matched inside a cell's text as written: merged in file order, not reduced."""
        out: dict[str, None] = {}
        for lay in self.layouts:
            for word in get(lay):  # type: ignore[operator]
                out.setdefault(word, None)
        return list(out)

    def _map(self, get: object) -> dict:  # type: ignore[type-arg]
        out: dict = {}  # type: ignore[type-arg]
        for lay in self.layouts:
            for label, value in get(lay).items():  # type: ignore[operator]
                out.setdefault(_key(label), value)
        return out


def layout_files(extra: tuple[Path, ...] = ()) -> list[Path]:
    """The shipped layouts, then those of each extra folder (or file), in name order."""
    files = sorted(SHIPPED.glob("*.toml"))
    for place in extra:
        files.extend(sorted(place.glob("*.toml")) if place.is_dir() else [place])
    return files


def _extra_from_environment() -> tuple[Path, ...]:
    value = os.environ.get(ENVIRONMENT, "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


def catalogue() -> Catalogue:
    """The catalogue of the shipped layouts and those named by ``JIXIAO_LAYOUTS``."""
    return _catalogue(_extra_from_environment())


@lru_cache(maxsize=8)
def _catalogue(extra: tuple[Path, ...]) -> Catalogue:
    return Catalogue([load_layout(p) for p in layout_files(extra)])


def catalogue_of(files: list[Path]) -> Catalogue:
    """A catalogue of exactly these layout files (tests, or a user's own set)."""
    return Catalogue([load_layout(p) for p in files])
