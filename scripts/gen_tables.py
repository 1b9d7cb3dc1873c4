"""Many distinct self-evaluation tables as text files, for the batch benchmark.

Every table has its own project, units, figures and indicators (drawn from word lists and a
seeded random generator), so no cache of parsed cells, labels or values can serve one table
from another: the batch costs what a province's real tables cost.  The layout is the national
form (财预〔2020〕10号) written as tab-separated text, several tables to a file as departments
publish them.  The figures are consistent or deliberately wrong (a score over its weight, a
wrong total), so the review has something to find.

    python scripts/gen_tables.py OUT_DIR --tables 10000 [--per-file 18] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

PLACES = ("东城", "西山", "南湖", "北岭", "青川", "白水", "红岩", "金沙", "玉泉", "石门", "桃源", "柳林", "松江",
          "梅岭", "竹溪", "兰陵", "云台", "凤凰", "龙泉", "鹤岗")  # fmt: skip
LEVELS = ("县", "区", "市", "旗")
SUBJECTS = ("农村饮水安全", "义务教育营养改善", "基层医疗服务能力", "高标准农田建设", "养老服务补贴", "公共文化服务",
            "就业技能培训", "农村公路养护", "生态护林员", "残疾人康复", "城乡低保", "污水处理运行", "森林防火",
            "乡村振兴衔接", "社区卫生服务", "学前教育资助", "农机购置补贴", "河道治理", "图书馆免费开放",
            "老旧小区改造")  # fmt: skip
BUREAUS = ("财政局", "教育局", "卫生健康局", "农业农村局", "民政局", "文化和旅游局", "人力资源和社会保障局",
           "交通运输局", "林业和草原局", "水利局", "住房和城乡建设局", "生态环境局")  # fmt: skip
QUANTITY = ("覆盖人数", "培训人次", "建设面积", "维护里程", "服务户数", "发放人数", "检查次数", "新建站点")
UNITS = ("人", "人次", "亩", "公里", "户", "人", "次", "个")
QUALITY = ("验收合格率", "服务达标率", "资金发放准确率", "设施完好率", "水质达标率")
TIMELY = ("资金拨付及时率", "任务完成及时率")
BENEFIT = ("受益群众覆盖率", "群众知晓率", "长效管护机制", "可持续运行年限")
SATISFY = ("服务对象满意度", "群众满意度")
CENT = Decimal("0.01")


def _money(rnd: random.Random, low: int, high: int) -> Decimal:
    return (Decimal(rnd.randint(low * 100, high * 100)) / 100).quantize(CENT)


def _indicators(rnd: random.Random) -> list[tuple[str, str, str, str, str, Decimal, Decimal]]:
    rows = []
    weights = [Decimal(w) for w in (15, 10, 10, 5, 10, 10, 10, 10, 10)]
    rnd.shuffle(weights)
    k = rnd.randrange(len(QUANTITY))
    target = rnd.randint(20, 20000)
    actual = target + rnd.randint(-target // 5, target // 10)
    rows.append(("产出指标", "数量指标", QUANTITY[k], f"≥{target}{UNITS[k]}", f"{actual}{UNITS[k]}"))
    k2 = (k + 1 + rnd.randrange(len(QUANTITY) - 1)) % len(QUANTITY)
    t2 = rnd.randint(5, 900)
    rows.append(("产出指标", "数量指标", QUANTITY[k2], f"={t2}{UNITS[k2]}", f"{t2 - rnd.randint(0, 3)}{UNITS[k2]}"))
    rows.append(("产出指标", "质量指标", rnd.choice(QUALITY), f"≥{rnd.randint(90, 98)}%", f"{rnd.randint(85, 100)}%"))
    rows.append(("产出指标", "时效指标", rnd.choice(TIMELY), "=100%", f"{rnd.randint(90, 100)}%"))
    cost = rnd.randint(50, 5000)
    rows.append(("产出指标", "成本指标", "人均补助标准", f"≤{cost}元/人", f"{cost - rnd.randint(0, 30)}元/人"))
    share = (f"≥{rnd.randint(80, 95)}%", f"{rnd.randint(75, 100)}%")
    rows.append(("效益指标", "社会效益指标", rnd.choice(BENEFIT[:2]), *share))
    rows.append(("效益指标", "可持续影响指标", BENEFIT[2], "长期", "长期"))
    income = (f"≥{rnd.randint(100, 900)}万元", f"{rnd.randint(90, 999)}万元")
    rows.append(("效益指标", "经济效益指标", "带动增收", *income))
    rows.append(("满意度指标", "服务对象满意度指标", rnd.choice(SATISFY), "≥90%", f"{rnd.randint(86, 99)}%"))
    out = []
    for (l1, l2, name, tgt, act), weight in zip(rows, weights, strict=True):
        roll = rnd.random()
        score = weight if roll < 0.7 else weight - Decimal(rnd.randint(1, 3)) if roll < 0.95 else weight + 1
        out.append((l1, l2, name, tgt, act, weight, max(score, Decimal(0))))
    return out


def table(rnd: random.Random, number: int) -> str:
    """One national-form table, its text different from every other one's."""
    place = f"{rnd.choice(PLACES)}{rnd.choice(LEVELS)}"
    bureau = rnd.choice(BUREAUS)
    year = rnd.randint(2019, 2025)
    name = f"{year}年{place}{rnd.choice(SUBJECTS)}项目（第{number}批）"
    budget = _money(rnd, 10, 9000)
    adjusted = (budget * Decimal(rnd.randint(90, 115)) / 100).quantize(CENT, ROUND_HALF_UP)
    executed = (adjusted * Decimal(rnd.randint(55, 100)) / 100).quantize(CENT, ROUND_HALF_UP)
    rate = executed / adjusted
    exec_score = (rate * 10).quantize(CENT, ROUND_HALF_UP)
    rows = _indicators(rnd)
    total = exec_score + sum(r[6] for r in rows)
    if rnd.random() < 0.1:
        total += 1  # a wrong total for the review to find
    lines = [
        "项目支出绩效自评表",
        f"（{year}年度）",
        f"项目名称\t{name}",
        f"主管部门\t{place}{bureau}\t实施单位\t{place}{bureau}{rnd.choice(('本级', '服务中心', '管理站'))}",
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        f"\t年度资金总额\t{budget}\t{adjusted}\t{executed}\t10\t{(rate * 100).quantize(CENT)}%\t{exec_score}",
        f"\t其中：当年财政拨款\t{budget}\t{adjusted}\t{executed}\t—\t\t—",
        "\t上年结转资金\t\t\t\t—\t\t—",
        "\t其他资金\t\t\t\t—\t\t—",
        "年度总体目标\t预期目标\t\t\t实际完成情况",
        f"\t完成{place}{rnd.choice(SUBJECTS)}任务\t\t\t已按计划完成{rnd.randint(60, 100)}%",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    ]
    for l1, l2, ind, tgt, act, weight, score in rows:
        note = "" if score >= weight else f"受{rnd.choice(('天气', '进度', '资金到位'))}影响，下年加强管理"
        lines.append(f"\t{l1}\t{l2}\t{ind}\t{tgt}\t{act}\t{weight}\t{score}\t{note}")
    lines.append(f"总分\t\t\t\t\t\t100\t{total}\t{'优' if total >= 90 else '良' if total >= 80 else '中'}")
    return "\n".join(lines) + "\n"


def generate(out: Path, tables: int, per_file: int = 18, seed: int = 1) -> list[Path]:
    """``tables`` distinct tables in files of ``per_file`` each; the files written."""
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, tables, per_file):
        path = out / f"自评表_{start // per_file + 1:06d}.txt"
        count = min(per_file, tables - start)
        path.write_text("\n\n".join(table(rnd, start + k + 1) for k in range(count)), encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=18)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.out, args.tables, args.per_file, args.seed)
    print(f"{args.tables:,} 张不同的自评表，{len(files):,} 个文件，写入 {args.out}")


if __name__ == "__main__":
    main()
