"""Every threshold ingest uses, in one place.

The window sizes and shares below decide how a document's text is cut into cells and where a
table's parts are looked for.  They are properties of documents in the field, not of one file;
keeping them together, named, makes them visible, testable and tunable (``Settings(...)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Settings:
    # --- text layouts (normalise) ---
    one_cell_per_line_share: float = 0.6
    """Share of lines that are one tab-led cell for a text to read as one cell per line."""
    cell_per_line_share: float = 0.8
    """Share of lines that are one run of text without a space for a text to read as one cell per
    line without tabs (a single space is then part of a cell)."""
    cell_per_line_min_lines: int = 12
    """…counted only in a text of at least this many lines."""
    formula_range_max: int = 10_000
    """Most cells one range of a formula saved without its result may span to be worked out."""
    formula_cells_max: int = 200_000
    """Most cells the ranges of one sheet's formulas may look at in all: past it the remaining
    formulas stay empty (a hostile workbook of many wide sums costs its own file nothing more)."""
    one_cell_lines_share: float = 0.9
    """Share of a table's text cells that each have a line of their own for its headers to be
    read as one cell per line (a header's cells then follow one another, on no shared line)."""
    pipe_line_share: float = 0.3
    """Share of lines that end with ``|`` (or are only ``|``) for the cells-ending-in-pipe layout."""
    pipe_cell_per_line_share: float = 0.5
    """Of the content lines of a pipe layout, the share ending in ``|`` for each line to be a cell
    of its own (below it a cell runs over several lines, up to a lone ``|``)."""
    pipe_rows_share: float = 0.5
    """Share of a text's lines that hold two cells or more between pipes for it to be read as pipe
    rows placed in their header's columns (pipe_grid)."""
    tab_grid_min_lines: int = 4
    """Tabbed lines a text needs to be read as a grid written out (cells keep their columns)…"""
    tab_grid_min_width: int = 3
    """…with at least this many fields in most of them…"""
    tab_grid_share: float = 0.9
    """…this share of the tabbed lines having the same number of fields."""
    row_line_min_headers: int = 4
    """Header labels on one line for a text's rows to be read a row per line (sections/line_rows)."""
    row_line_name_chars: int = 12
    """A text this long that starts a line is a row's name even with a figure in it (…300元的人数)."""
    row_join_max: int = 4
    """Spaces inside the cells of one row that ``sections.line_pieces`` may join back (the readings
    it tries grow with the pieces' count to this power)."""
    bracketed_unit_max_chars: int = 8
    """The longest unit written in brackets after a name or a figure (``(元/人/年)``, ``(万元/平方公里)``);
    longer bracketed text is an aside, not a unit (normalise.split_spaced, preview row ends)."""
    line_unit_max_chars: int = 4
    """The longest unit looked for at the start of a line, the rest of a figure cut at the line's
    end (``平方公里``, ``…共计12`` / ``公里，惠及…``: normalise.spills)."""
    glued_min_length: int = 300
    """A line this long with almost no separators is cells run together."""
    glued_chars_per_space: int = 60
    """…and has fewer than one space per this many characters."""
    wrap_min_lines: int = 3
    """Lines exactly as long as the longest for a text to read as broken at a fixed width."""
    wrap_min_width: int = 16
    """…and that width (characters or display columns) at least this."""
    wrap_min_share: float = 0.25
    """…and, where fewer lines than this share hold a space (one cell per line), that many of the
    lines at the width: there a few cells as long as the longest are a coincidence."""
    pdf_opening_spaces_max: int = 2
    """A line of a PDF's text set in from its text's left edge by this many spaces' widths at most
    opens with those spaces (a fixed-width copy broken just before a space); further in it is
    centred or indented, its opening no spaces of the text (``pdf.opening_spaces``)…"""
    pdf_opening_space_slack: float = 0.2
    """…when the set-in is within this share of a space's width of a whole number of spaces."""
    side_page_min_rows: int = 4
    """Ruled rows of a PDF page at the heights of an earlier page's rows for the page to be that
    page's right-hand columns, printed on a page of their own (``side_pages``)…"""
    side_page_min_share: float = 0.8
    """…and this share of the page's rows at those heights at least…"""
    outside_form_gap: int = 2
    """A grid's cell on an indicator row this many columns or more right of the indicator header's
    last column (one empty column between at least) stands outside the form: a note beside it,
    read as no column's value (``sections.rows.RowWalk``)."""
    pdf_loose_gap: float = 6.0
    """Points: a gap this wide on a line of a PDF's text in no ruled cell parts two pieces of it,
    each put in the row and column it is printed in (``loose_text``)."""
    side_page_tolerance: float = 1.0
    """…each row's top and bottom within this many points of the other's (and column edges
    within it the same edges)."""
    glued_label_max_chars: int = 24
    """The longest label looked for at the start of a run-together row."""
    glued_rows_space_free: float = 0.5
    """Share of lines without a space for a text to be looked at as rows whose cells ran together…"""
    glued_run_on_share: float = 0.8
    """…or, where cells kept spaces inside them, this share of the lines opening with a label run
    straight on into the next cell (no space after the label)…"""
    glued_rows_min_lines: int = 4
    """…lines opening with a label that runs on into more, for it to read as such…"""
    glued_rows_share: float = 0.25
    """…and their share of the text's lines…"""
    glued_rows_sample: int = 80
    """…among its first this many lines."""
    glued_row_max_chars: int = 240
    """A run-together row longer than this is not cut (every cut is weighed; no row is this long)."""
    page_chunk_min_length: int = 150
    """A line ``2、…`` joins the line above when that one is run-together text at least this long
    (a document site's preview is cut into chunks of a few hundred characters)."""
    page_chunk_chars_per_space: int = 30
    """…with fewer than one space per this many characters (a preview keeps some spaces between cells)."""
    page_marker_max: int = 99
    """``2、`` at a line start of run-together text is a page marker up to this number."""
    preview_min_chars: int = 150
    """A line is a whole form run together (a preview, ``ingest.preview``) when at least this long
    (a short form fits in one chunk of a preview: no longer than a chunk need be)…"""
    preview_rows_min: int = 3
    """…and at least this many of the top's row labels (项目名称, 主管部门 …) stand before its indicator header."""
    preview_label_min_chars: int = 4
    """A row label shorter than this (总额, 其它) does not cut a whole page run together, nor does
    a level label open a row there (产出, 效益 without 指标): such words stand in texts."""
    preview_ended_label_min_chars: int = 3
    """…but a level label written with its level's ending (产出值, 成本值) opens a row there from
    this length: the ending is no word a text ends with before a name (满意度, 产出 are)."""
    preview_label_points_max_chars: int = 5
    """A 一级 or 二级 label opening a row run together is tried up to the vocabulary's longest such
    label and this many characters more: the points written after it (``效益指标(30分)``)."""
    preview_unit_max_chars: int = 5
    """A figure followed by a unit of at most this many characters (个, 万元, 万元/年) ends no indicator row."""
    value_tail_max_chars: int = 4
    """A figure and its unit followed by more words than this, without a figure among them, open a
    name (``1990年后入职人员培训率``), not a value (``1000亩以上``): preview_check.is_value."""
    date_tail_max_chars: int = 2
    """A date followed by more words than this (past its own 前/底/内), without a figure, opens a name
    (``2022年退休人员``), not a value (``2023年12月31日前完成``): preview_check.is_value."""
    preview_twin_text_chars: tuple[int, int] = (2, 12)
    """A target and an actual written alike in words (``已完成已完成``, ``逐步提高逐步提高``) are told
    as two values run together when each is this many characters long (least, most)."""
    preview_full_marks: Decimal = Decimal(100)
    """A preview's indicator rows are kept when their weights and the execution weight make these marks."""
    glued_header_max_chars: int = 120
    """A header line run together is at most this long (longer lines are a page run together)."""
    glued_header_min_labels: int = 4
    """…and is cut into at least this many known column labels."""
    glued_blocks_max: int = 10
    """Indicator blocks read out of one line run together at most (the rest is cut as text)."""
    glued_rows_min: int = 2
    """Rows run together under such a header for it to be read as a table."""
    glued_rows_max: int = 200
    """Rows read under one such header at most."""
    glued_total_reach_lines: int = 8
    """Lines after a 总分 line searched for its figure."""
    glued_readings_max: int = 20_000
    """Combinations of row readings checked against the total at most (beyond: each row alone)."""
    glued_end_chars: int = 8
    """Characters at a row's start compared with a table's closing words (评价结论, 存在问题)."""
    glued_note_min_chars: int = 3
    """Words shared as the ending of several rows' names to be read as a text column of their own."""
    glued_note_opening_chars: int = 2
    """The opening words of such a column's texts (达到 of 达到目标值) that cut it off a name that
    runs on into a text of its own opening alike (达到计划值)."""
    glued_shape_min_rows: int = 2
    """Rows run together read clearly and alike (the same cells filled) for a table's other rows to
    be read again by them."""
    rate_max: Decimal = Decimal(1000)
    """An execution rate (per cent) read from a fund row run together is at most this; a stated
    rate past it as a fraction (``98.98`` under 执行率) is the per cent written without its sign."""
    rate_decimals_max: int = 2
    """An execution rate (per cent) is written with at most this many decimals (98.75 %): a cut of
    a fund row's run leaving more is no reading."""
    misstated_rate_max: Decimal = Decimal(100)
    """A stated rate the row's own amounts do not give is taken only up to this (per cent): a form
    misstates its rate by rounding or by writing the plan, never as an over-spending."""
    implied_weight_slack: Decimal = Decimal("0.01")
    """A score rounded to its shown digits may imply a weight this share above the points."""
    amount_decimals_max: int = 4
    """An amount (万元 or 元) has at most this many decimals: a cut of a fund row's run leaving more
    is no reading."""
    budget_order_ratio: Decimal = Decimal(10)
    """A 全年预算数 within this factor of its 年初预算数 (either way) is of its order: a cut of a fund
    row's run that keeps them so is preferred (budgets are adjusted, seldom by a factor of ten)."""
    target_word_gap_max: int = 2
    """A written-out target found at its word is left unsure when another target word ends this many
    characters or fewer before it (``…便捷提高人员保障``): unglue.target_start."""
    glued_rest_rows_max: int = 3
    """Rows under stated points at most this many in doubt are given the 分值 the points leave
    (unglue.settle_by_rest): more, and too many cuts would add up."""
    glued_points_margin: int = 1
    """Readings of a row run together within this much support of its best are weighed against
    the points its 一级 states (the rows' 分值 add up to them)."""
    glued_overweight_margin: int = 3
    """Where the 分值 of a table's rows run together add up to more than ``weight_max``, a row keeps
    only the cells its readings within this much support of its best agree on."""
    glued_untargeted_share: float = 0.34
    """Rows run together read with no target, at most this share of a table's rows, are left unsure
    (their target is likely run into the name); more such rows: the table leaves targets blank."""
    weight_max: Decimal = Decimal(100)
    """A weight (分值) is at most this many points, and so are a table's weights together."""
    column_runs_min_headers: int = 4
    """An indicator table copied column by column (a PDF viewer's copy: each header alone on a line,
    its column's values one a line after it) is read back into rows when at least this many of
    its headers each stand before values of their own…"""
    column_runs_min_full: int = 3
    """…and at least this many columns, the 三级指标 names among them, hold one value a row (the
    same count): a column with fewer (merged 一级 / 二级, notes on some rows) cannot be placed."""
    headerless_min_levels: int = 3
    """一级 / 二级 labels before a 合计 for rows with no header to be read as indicator rows…"""
    headerless_figure_share: float = 0.3
    """…with at least this share of their cells figures (a narrative has few)."""
    headerless_quantity_max_chars: int = 10
    """…a figure there a plain number or a short quantity with its unit (``23715人``) of at most
    this many characters, beginning with its digits (a target-only table's figures)."""
    headerless_min_value_rows: int = 1
    """Rows with no header and too few level labels read as indicator rows by their values (a name,
    then targets, actuals, weights and scores only) when there are at least this many, all alike…"""
    headerless_min_row_cells: int = 2
    """…each of at least this many cells after its level labels (a name and a value)."""
    headerless_word_values: int = 1
    """…of whose values at most this many differ from a value's shapes (a target written out in
    words, ``按标准发放到位``; an actual written as the same words counts once)."""
    headerless_word_row_share: float = 0.34
    """…in at most this share of the rows (a table's targets are mostly figures, a narrative's not)."""
    order_miss_penalty: int = 3
    """Per value of a row that a column order cannot place at all, when choosing the order."""
    # --- narrative reports (ingest/narrative) ---
    report_head_chars: int = 600
    """A narrative report's title words are within its first this many characters."""
    report_title_lines: int = 10
    """A narrative report's title is within its first this many lines."""
    report_heading_chars: int = 24
    """A numbered heading's text is at most this long (a longer numbered line is a sentence)."""

    # --- tables (regions, sections) ---
    points_max: int = 100
    """No weight or score is above a table's points: a larger figure is a target or an amount."""
    title_max_chars: int = 60
    """A table title is at most this long (a sentence mentioning 自评表 is not one)."""
    unread_title_max_chars: int = 40
    """A title reported as an unread table is at most this long."""
    title_search_cells: int = 40
    """Cells from a table's start searched for its title and the document's year."""
    table_back_cells: int = 6
    """Cells before 项目名称 searched for the table's title and year."""
    unread_title_reach: int = 20
    """Cells above a table within which a title belongs to it."""
    header_back_cells: int = 14
    """Cells before a fund row searched for its column header."""
    numbers_ahead: int = 7
    """Cells after a label read as its figures."""
    lost_point_ratio: Decimal = Decimal(5)
    """A whole-number 得分 at least this many times its 分值 is read as a score whose decimal point a
    scan lost (``743`` under 8 → 7.43), never as an over-scoring the review should report."""
    lost_point_decimals: int = 2
    """A score given its point back has at most this many decimals."""
    lost_point_choices_max: int = 64
    """Choices of such readings tried against the stated total (a table has few scores with a point lost)."""
    row_cells_ahead: int = 7
    """Cells after a row's first read as the rest of its grid row."""
    header_year_cells: int = 12
    """Cells from a table's start searched for its year (2020年度)."""
    title_year_cells: int = 4
    """Cells from a table's start searched for a year written short in its title (2020年…自评表)."""
    staged_figure_cells: int = 3
    """Cells after a staged funds label (预算下达资金) searched for its figure."""
    unknown_header_cells: int = 4
    """Cells after an indicator header's unknown word searched (on its row) for a known header."""
    header_word_max_chars: int = 12
    """Longest header no layout names that is read by a word it holds (``column_words``);
    a longer cell on the header's line is a sentence, not a header."""
    header_word_cells: int = 12
    """Cells after such a header searched (on its line) for a value that would make it a row's."""
    field_word_max_chars: int = 8
    """Longest header field label no layout names read by its words (项目承担单位); a longer cell
    ending with 单位 is a clause (本表由项目执行单位), not a label."""
    parts_reach: int = 40
    """Cells after a blank funds total searched for its (一)(二)(三) parts."""
    self_score_cells: int = 6
    """Cells after a 自评得分 near the top searched for the stated total."""
    total_reach: int = 8
    """Cells after the indicator rows searched for a 总分 row that follows the closing sections."""
    total_figure_cells: int = 4
    """Cells after 总分 read as its weight sum and score."""
    grade_label_cells: int = 6
    """Cells after the 总分 row searched for a grade's own label (评价等级) and its word."""


DEFAULT = Settings()
