"""Charts drawn on the server as inline SVG: bars, lines and a tile map of the districts.

No script and no style attribute (the strict CSP stays); fonts and print colours come from the
site's stylesheet. Every text passes through escape(); every other interpolation is a number we
computed. Each chart has a <title> and is shown next to a data table for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from marketplace.services.city.values import Value

SERIES_CLASSES = ("s1", "s2", "s3")
DASHES = ("", ' stroke-dasharray="6 4"', ' stroke-dasharray="2 3"')

# Rough positions of Chongqing's districts on a grid (west → east, north → south).
TILES: dict[str, tuple[int, int]] = {
    "tongnan": (1, 0), "hechuan": (2, 0), "dianjiang": (6, 0), "liangping": (7, 0),
    "kaizhou": (8, 0), "chengkou": (9, 0), "wuxi": (10, 0),
    "dazu": (0, 1), "tongliang": (1, 1), "bishan": (2, 1), "beibei": (3, 1), "yubei": (4, 1),
    "liangjiang": (5, 1), "changshou": (6, 1), "zhongxian": (7, 1), "wanzhou": (8, 1),
    "yunyang": (9, 1), "fengjie": (10, 1), "wushan": (11, 1),
    "rongchang": (0, 2), "yongchuan": (1, 2), "science-city": (2, 2), "shapingba": (3, 2),
    "yuzhong": (4, 2), "jiangbei": (5, 2), "fuling": (6, 2), "fengdu": (7, 2), "shizhu": (8, 2),
    "jiangjin": (2, 3), "jiulongpo": (3, 3), "nanan": (4, 3), "wulong": (7, 3),
    "pengshui": (8, 3), "qianjiang": (9, 3),
    "dadukou": (3, 4), "banan": (4, 4), "nanchuan": (5, 4), "youyang": (9, 4), "xiushan": (10, 4),
    "qijiang": (3, 5), "wansheng": (4, 5), "outside": (11, 5),
}  # fmt: skip


def _num(v: Value) -> float:
    return float(v.value) if v.shown and v.value is not None else 0.0


def _fmt(v: Value, blank: str) -> str:
    if not v.shown or v.value is None:
        return blank
    n = v.value
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.2f}"


def _open(cls: str, width: int, height: int, title: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {cls}" role="img" '
            f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet">'
            f"<title>{escape(title)}</title>"]  # fmt: skip


def bar_chart(title: str, rows: Sequence[tuple[str, Value]], blank: str = "—") -> Markup:
    """Horizontal bars, one per labelled value (suppressed or missing values drawn as '—')."""
    left, bar_h, gap, width = 190, 20, 8, 720
    height = 10 + len(rows) * (bar_h + gap)
    peak = max((_num(v) for _label, v in rows), default=0.0) or 1.0
    out = _open("bars", width, height, title)
    for i, (label, v) in enumerate(rows):
        y = 6 + i * (bar_h + gap)
        w = (width - left - 90) * _num(v) / peak
        out.append(f'<text class="label" x="{left - 8}" y="{y + 15}" text-anchor="end">'
                   f"{escape(label)}</text>")  # fmt: skip
        out.append(f'<rect class="bar" x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}"/>')
        out.append(f'<text class="value" x="{left + w + 6:.1f}" y="{y + 15}">'
                   f"{escape(_fmt(v, blank))}</text>")  # fmt: skip
    out.append("</svg>")
    return Markup("".join(out))  # nosec B704 (escaped above)


def line_chart(title: str, months: Sequence[str],
               series: Sequence[tuple[str, Sequence[Value]]]) -> Markup:  # fmt: skip
    """Month-by-month lines (up to three series, told apart by colour and dash)."""
    left, right, top, bottom, width, height = 50, 20, 30, 40, 720, 260
    peak = max((_num(v) for _n, vals in series for v in vals), default=0.0) or 1.0
    span = max(len(months) - 1, 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(i: int, v: Value) -> tuple[float, float]:
        return left + plot_w * i / span, top + plot_h * (1 - _num(v) / peak)

    out = _open("lines", width, height, title)
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" '
                   f'y2="{y:.1f}"/><text class="axis" x="{left - 6}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{peak * frac:,.0f}</text>')  # fmt: skip
    step = max(1, len(months) // 12)
    for i, m in enumerate(months):
        if i % step == 0 or i == len(months) - 1:
            x = left + plot_w * i / span
            out.append(f'<text class="axis" x="{x:.1f}" y="{height - bottom + 18}" '
                       f'text-anchor="middle">{escape(m)}</text>')  # fmt: skip
    for k, (name, values) in enumerate(series[:3]):
        cls, dash = SERIES_CLASSES[k], DASHES[k]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(values)))
        out.append(f'<polyline class="line {cls}" fill="none" points="{points}"{dash}/>')
        for i, v in enumerate(values):
            x, y = xy(i, v)
            out.append(f'<circle class="dot {cls}" cx="{x:.1f}" cy="{y:.1f}" r="3"/>')
        lx = left + k * 200
        out.append(f'<line class="line {cls}" x1="{lx}" y1="12" x2="{lx + 24}" y2="12"{dash}/>'
                   f'<text class="legend" x="{lx + 30}" y="16">{escape(name)}</text>')  # fmt: skip
    out.append("</svg>")
    return Markup("".join(out))  # nosec B704 (escaped above)


def district_map(title: str, values: dict[str, Value], labels: dict[str, str],
                 blank: str = "—") -> Markup:  # fmt: skip
    """Chongqing's districts as a grid of tiles, shaded by value (a map-like overview)."""
    cell, pad = 62, 6
    width, height = 12 * cell + pad * 2, 6 * cell + pad * 2
    peak = max((_num(v) for v in values.values()), default=0.0) or 1.0
    out = _open("tilemap", width, height, title)
    for code, (col, row) in TILES.items():
        v = values.get(code, Value(0))
        x, y = pad + col * cell, pad + row * cell
        level = 0 if not _num(v) else 1 + min(4, int(4 * _num(v) / peak))
        name = labels.get(code, code)
        ink, mid = " ink" if level >= 3 else "", x + (cell - 4) / 2
        out.append(
            f'<g><title>{escape(name)}: {escape(_fmt(v, blank))}</title>'
            f'<rect class="cmap-tile t{level}" x="{x}" y="{y}" width="{cell - 4}" '
            f'height="{cell - 4}" rx="4"/><text class="cmap-name{ink}" x="{mid}" '
            f'y="{y + 24}" text-anchor="middle">{escape(name[:5])}</text>'
            f'<text class="cmap-value{ink}" x="{mid}" '
            f'y="{y + 44}" text-anchor="middle">{escape(_fmt(v, blank))}</text></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))  # nosec B704 (escaped above)
