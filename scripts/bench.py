"""Benchmark: score 100,000 evaluations of 15 indicators each, on one core.

Run with ``make bench``.  Building the evaluations is timed apart from scoring them, so the
figure is the engine's own speed.  5,000 distinct evaluations (random figures) are built and
repeated to 100,000: every evaluation is scored in full each time; only the parsing of a cell
text already seen is served from the parser's cache, as it is on real data, where the same
targets recur across a province's tables.  Goal (issue 2): ≥ 20,000 evaluations per second.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from decimal import Decimal

from jixiao import rules, scoring
from jixiao.model.evaluation import Evaluation, Funds, Indicator

TEMPLATES = [
    ("产出指标", "数量指标", "≥{n}人", "{m}人"),
    ("产出指标", "数量指标", "={n}个", "{m}个"),
    ("产出指标", "质量指标", "≥95%", "{p}%"),
    ("产出指标", "质量指标", "=100%", "{p}%"),
    ("产出指标", "时效指标", "2025年12月31日", "2025年12月31日"),
    ("产出指标", "时效指标", "2天内", "{d}天"),
    ("产出指标", "成本指标", "≤{n}万元", "{m}万元"),
    ("产出指标", "成本指标", "≤1440元/人/年", "1440元/人/年"),
    ("效益指标", "社会效益指标", "提高", "{p}%"),
    ("效益指标", "社会效益指标", "≥{n}人次", "{m}人次"),
    ("效益指标", "可持续影响指标", "长期", "长期"),
    ("效益指标", "经济效益指标", "≥5.8万人", "{m}人"),
    ("效益指标", "可持续影响指标", "有效保障", "有效保障"),
    ("满意度指标", "服务对象满意度指标", "≥90%", "{p}%"),
    ("满意度指标", "服务对象满意度指标", "≥95%", "0.{q}"),
]
WEIGHTS = [Decimal(w) for w in ("4", "4", "4", "4", "4", "3", "3", "4", "8", "8", "7", "7", "8", "5", "5")]


def build(count: int, seed: int = 2025) -> list[Evaluation]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        rows = []
        for (l1, l2, target, actual), weight in zip(TEMPLATES, WEIGHTS, strict=True):
            n = rnd.randint(10, 200) * 10
            fill = {
                "n": n,
                "m": n - rnd.randint(-50, 100),
                "p": rnd.randint(85, 100),
                "d": rnd.randint(1, 3),
                "q": rnd.randint(85, 99),
            }
            score = weight if rnd.random() < 0.8 else weight - Decimal(1)
            rows.append(
                Indicator.model_construct(
                    level1=l1,
                    level2=l2,
                    name="指标",
                    target=target.format(**fill),
                    actual=actual.format(**fill),
                    weight=weight,
                    score=score,
                    deviation_note=None,
                    not_applicable=False,
                    nature=None,
                    unit=None,
                    progress_stated=None,
                )
            )
        budget = Decimal(rnd.randint(100, 100_000)) / 100
        executed = budget * Decimal(rnd.randint(50, 100)) / 100
        out.append(
            Evaluation.model_construct(
                funds=Funds.model_construct(
                    adjusted_budget=budget, executed=executed, initial_budget=budget, allocated=None
                ),
                execution_weight=Decimal(10),
                execution_rate_stated=None,
                execution_score_stated=None,
                indicators=rows,
                scoring_items=[],
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=5_000, help="distinct evaluations, repeated to --count")
    parser.add_argument("--rules", default="national-2020")
    args = parser.parse_args()
    rs = rules.get(args.rules)

    t0 = time.perf_counter()
    distinct = build(min(args.distinct, args.count))
    evaluations = [distinct[i % len(distinct)] for i in range(args.count)]
    # The input is built; move it out of the collector's sight so its traversals time the
    # engine's own objects, as in a batch job that loads, freezes and then scores.
    gc.collect()
    gc.freeze()
    t1 = time.perf_counter()
    cold = [scoring.score(ev, rs) for ev in evaluations[: len(distinct)]]
    t_cold = time.perf_counter()
    results = cold + [scoring.score(ev, rs) for ev in evaluations[len(distinct) :]]
    t2 = time.perf_counter()

    rows = args.count * len(TEMPLATES)
    complete = sum(1 for r in results if r.total is not None)
    print(f"规则集 {rs.name}：{args.count:,} 张自评表 × {len(TEMPLATES)} 个指标（{rows:,} 行）")
    print(f"构造 {len(distinct):,} 张不同的自评表并重复使用 {t1 - t0:.2f} 秒")
    print(f"计分 {t2 - t1:.2f} 秒；其中 {complete:,} 张得出总分")
    print(f"计分速度：{args.count / (t2 - t1):,.0f} 张/秒（{rows / (t2 - t1):,.0f} 行/秒，单核）")
    print(f"其中首轮 {len(distinct):,} 张（每行都是新内容、须解析与计算）：{len(distinct) / (t_cold - t1):,.0f} 张/秒")


if __name__ == "__main__":
    main()
