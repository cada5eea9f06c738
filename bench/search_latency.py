"""Search benchmark: index N generated documents, print build time and query latency.

    .venv/bin/python bench/search_latency.py [--docs 10000] [--queries 300] [--dir PATH]

Prints figures only (no thresholds). Latency is per SearchIndex.search() call, the whole request
as the /search page makes it: parse, score, facet counts over every match, a page of snippets.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_index import SearchDocument, SearchIndex, SearchQuery, warm_up


def _wordlist(text: str) -> list[str]:
    return text.split()


INDUSTRIES = _wordlist("NEV ELEC AMAT EQUIP FOOD SOFT DISP MOTO ALLOY TEXT BIO ENERGY FUTURE")
DISCIPLINES = _wordlist("FORM CMF UX ENG ERGO PROTO BRAND SERVICE SIM AI GREEN SPACE FASHION")
DISTRICTS = [
    "Yubei 渝北区", "Jiangbei 江北区", "Shapingba 沙坪坝区", "Jiulongpo 九龙坡区",
    "Nan'an 南岸区", "Banan 巴南区", "Beibei 北碚区", "Yuzhong 渝中区", "Dadukou 大渡口区",
]  # fmt: skip
EN_WORDS = _wordlist(
    "battery enclosure housing thermal cooling lightweight aluminium casting die structure "
    "prototype prototyping clay model modelling surface finish colour material texture coating "
    "ergonomic seating cockpit interface screen display touch voice assistant dashboard lighting "
    "motorcycle scooter helmet frame chassis motor inverter charger cable connector sensor "
    "robot arm gripper automation conveyor packaging label brand identity retail shelf kiosk "
    "medical device wearable textile fabric garment jacket furniture chair lamp speaker phone "
    "drone camera lens optics simulation digital twin virtual reality review validation testing "
    "recycling sustainable lifecycle carbon modular repair service journey workshop exhibition "
    "spatial showroom signage workflow software app platform data analytics dfm tooling mould "
    "injection sheet metal welding assembly tolerance fatigue crash safety impact vibration noise"
)
ZH_WORDS = _wordlist(
    "电池包 外壳 轻量化 热管理 压铸 铝合金 结构 原型 黏土模型 表面处理 色彩 材料 纹理 人机工程 "
    "座舱 交互 界面 显示屏 语音 仪表盘 灯光 摩托车 头盔 车架 电机 充电 连接器 传感器 机器人 "
    "机械臂 自动化 包装 品牌 标识 零售 医疗器械 可穿戴 纺织 服装 家具 音箱 手机 无人机 相机 "
    "仿真 数字孪生 虚拟现实 评审 验证 测试 回收 可持续 全生命周期 碳排放 模块化 维修 服务 "
    "展厅 展陈 空间 软件 平台 数据 模具 注塑 钣金 焊接 装配 公差 疲劳 碰撞 安全 振动 噪声 "
    "新能源汽车 智能制造 工业设计 重庆 设计中心"
)


def _words(rng: random.Random, vocab: list[str], n: int, sep: str) -> str:
    """N words; half drawn Zipf-like (early words common, late ones rare), half uniformly."""
    picked = []
    for _ in range(n):
        if rng.random() < 0.5:
            picked.append(vocab[min(int(rng.paretovariate(1.2)) - 1, len(vocab) - 1)])
        else:
            picked.append(rng.choice(vocab))
    return sep.join(picked)


def generate(n: int, seed: int) -> Iterator[SearchDocument]:
    """N documents: 1 scenario in 10, the rest studios; English and Chinese text."""
    rng = random.Random(seed)
    for i in range(n):
        kind = "scenario" if i % 10 == 0 else "studio"
        yield SearchDocument(
            kind=kind,
            id=str(i),
            title=_words(rng, EN_WORDS, rng.randint(2, 6), " ").capitalize(),
            title_zh=_words(rng, ZH_WORDS, rng.randint(2, 4), ""),
            body=_words(rng, EN_WORDS, rng.randint(40, 160), " ") + ".",
            body_zh=_words(rng, ZH_WORDS, rng.randint(10, 40), "，") + "。",
            industries=rng.sample(INDUSTRIES, rng.randint(1, 3)),
            disciplines=rng.sample(DISCIPLINES, rng.randint(1, 4)),
            district=rng.choice(DISTRICTS) if kind == "studio" else "",
        )


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(label: str, fn: Callable[[], object], runs: int) -> None:
    """Time `fn` `runs` times after 5 warm-up calls; print median and p99 in ms."""
    for _ in range(5):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"  {label:<34} median {statistics.median(times):7.2f} ms   "
        f"p99 {_percentile(times, 99):7.2f} ms   max {max(times):7.2f} ms   (n={runs})"
    )


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    """Build the index, then time the query mixes and the writes the app makes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300, help="timed runs per query mix")
    parser.add_argument("--dir", type=Path, default=None, help="index directory (default: temp)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="search-bench-")) if args.dir is None else args.dir
    try:
        print(f"jieba dictionary load: {warm_up():.2f} s (once per process)")
        index = SearchIndex(workdir / "index").open_or_create()
        docs = list(generate(args.docs, args.seed))
        text_chars = sum(
            len(d.title) + len(d.body) + len(d.title_zh) + len(d.body_zh) for d in docs
        )
        started = time.perf_counter()
        index.rebuild(docs)
        build = time.perf_counter() - started
        print(
            f"build: {len(docs)} documents ({text_chars / 1e6:.1f} M chars of text) in "
            f"{build:.1f} s = {len(docs) / build:.0f} docs/s; index on disk "
            f"{_dir_size(workdir / 'index') / 1e6:.1f} MB"
        )

        rng = random.Random(args.seed + 1)
        mixes: dict[str, Callable[[], str]] = {
            "one English word": lambda: rng.choice(EN_WORDS),
            "two English words": lambda: f"{rng.choice(EN_WORDS[:60])} {rng.choice(EN_WORDS)}",
            "Chinese (one or two words)": lambda: "".join(rng.sample(ZH_WORDS, rng.randint(1, 2))),
            "English + facet filter": lambda: rng.choice(EN_WORDS),
            "empty query (browse, facets)": lambda: "",
        }
        totals: dict[str, list[int]] = {}
        print(
            f"queries (SearchIndex.search, page 1 of 20 hits, facets, snippets), {args.docs} docs:"
        )
        for label, make in mixes.items():
            filtered = "filter" in label
            texts = [make() for _ in range(args.queries + 5)]
            it = iter(texts)

            def run(it: Iterator[str] = it, label: str = label, filtered: bool = filtered) -> None:
                request = SearchQuery(
                    text=next(it),
                    industries=["NEV"] if filtered else (),
                    kinds=["studio"] if filtered else (),
                )
                totals.setdefault(label, []).append(index.search(request).total)

            measure(label, run, args.queries)
        for label, counts in totals.items():
            print(f"  {label:<34} hits per query: median {statistics.median(counts):.0f}")

        print("writes and maintenance:")
        counter = iter(range(10**9))
        measure(
            "refresh(1 key) after a commit",
            lambda: index.refresh(
                ["studio:1"],
                lambda keys: [SearchDocument("studio", "1", f"Renamed {next(counter)}", body="x")],
            ),
            min(args.queries, 50),
        )
        measure("stored_hashes() (search check)", index.stored_hashes, 5)
        measure("suggest('prototypng')", lambda: index.suggest("prototypng"), 20)
        index.close()
    finally:
        if args.dir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
