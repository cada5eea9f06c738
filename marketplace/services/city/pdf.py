"""The monthly report as a PDF (reportlab; Chinese set in the built-in STSong-Light CID font)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from marketplace.services.city.city_labels import DEFINITIONS, STAFF_DEFINITIONS

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=13, wordWrap="CJK")
HEAD = ParagraphStyle("head", parent=BODY, fontSize=15, leading=20, spaceAfter=6)
SUB = ParagraphStyle("sub", parent=BODY, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4)


def _both(message: Any) -> str:
    """'中文 / English' of a lazy message."""
    with force_locale("zh_CN"):
        zh = str(message)
    with force_locale("en"):
        en = str(message)
    return zh if zh == en else f"{zh} / {en}"


def _cell(value: dict[str, Any]) -> str:
    if value["status"] == "not_recorded":
        return _both(_l("Not yet recorded"))
    if value["status"] == "suppressed":
        return _both(_l("Suppressed"))
    n = value["value"]
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.2f}"


def _table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    data = [[Paragraph(escape(h), BODY) for h in header]]
    data += [[Paragraph(escape(str(c)), BODY) for c in row] for row in rows]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return table


def render(data: dict[str, Any]) -> bytes:
    """The report of a month (the stored snapshot) as PDF bytes."""
    month = data["period"]
    story: list[Any] = [
        Paragraph(escape(f"{_both(_l('City of Design in figures'))} · {month}"), HEAD),
        Paragraph(escape(f"{_both(_l('Generated'))}: {data['generated_at']} UTC"), BODY),
        Spacer(1, 4 * mm),
        Paragraph(escape(_both(_l("Figures"))), SUB),
    ]
    rows = [[_both(DEFINITIONS[k].label), _cell(v)] for k, v in data["figures"].items()]
    story.append(_table([_both(_l("Figure")), _both(_l("Value"))], rows, [120, 55]))
    story.append(Paragraph(escape(_both(_l("Process"))), SUB))
    rows = [[_both(STAFF_DEFINITIONS[k].label), _cell(v)] for k, v in data["process"].items()]
    story.append(_table([_both(_l("Figure")), _both(_l("Value"))], rows, [120, 55]))
    story.append(Paragraph(escape(_both(_l("Targets of the action plan"))), SUB))
    rows = [[f"{t['sentence_zh']} / {t['sentence']}",
             _cell(data["figures"][t["figure"]]) if t["figure"] else
             _both(_l("Not recorded on the platform"))]
            for t in data["targets"]]  # fmt: skip
    story.append(_table([_both(_l("Target")), _both(_l("On the platform"))], rows, [120, 55]))
    story.append(Paragraph(escape(_both(_l("By industry"))), SUB))
    cols = ("needs_published", "bids", "needs_awarded", "awarded_value")
    rows = [[r["key"], *(_cell(r[c]) for c in cols)] for r in data["by_industry"]]
    story.append(_table([_both(_l("Industry")), *(_both(DEFINITIONS[c].label) for c in cols)],
                        rows, [27, 37, 37, 37, 37]))  # fmt: skip
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(escape(_both(_l(
        "Cells resting on fewer awards or contracts than the threshold are suppressed."
    )) + f" (< {data['threshold']})"), BODY))  # fmt: skip
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=f"City of Design {month}",
                            leftMargin=15 * mm, rightMargin=15 * mm)  # fmt: skip
    doc.build(story)
    return out.getvalue()
