"""List reads return one paginated type (services.common.list_page.ListPage), for pages and API."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "marketplace"
HOME = PACKAGE / "services" / "common" / "list_page.py"


def other_page_types(root: Path) -> list[str]:
    """Classes with page/per_page/total fields, Flask-SQLAlchemy pagination, hand-made envelopes."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == HOME:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(root.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields = {t.target.id for t in node.body
                          if isinstance(t, ast.AnnAssign) and isinstance(t.target, ast.Name)}
                if {"page", "per_page", "total"} <= fields:
                    found.append(f"{where}: class {node.name}")
            elif isinstance(node, ast.Attribute) and node.attr == "paginate":
                found.append(f"{where}:{node.lineno}: .paginate")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("pagination"):
                found.append(f"{where}:{node.lineno}: import {node.module}")
            elif isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if {"page", "per_page", "total", "pages"} <= keys:
                    found.append(f"{where}:{node.lineno}: a page envelope built by hand")
    return found


def test_list_reads_share_one_page_type() -> None:
    allowed = {"marketplace/api/api_present.py"}  # the one envelope, built from a ListPage
    assert [f for f in other_page_types(PACKAGE) if f.split(":")[0] not in allowed] == []


def test_the_check_sees_a_second_page_type(tmp_path: Path) -> None:
    root = tmp_path / "marketplace"
    root.mkdir()
    (root / "listing.py").write_text(
        "from dataclasses import dataclass\n\n"
        "@dataclass\nclass NeedPage:\n    items: list\n    page: int\n    per_page: int\n"
        "    total: int\n\n"
        "def needs(q):\n    return db.paginate(q, page=1)\n"
    )
    assert other_page_types(root) == [
        "marketplace/listing.py: class NeedPage", "marketplace/listing.py:11: .paginate",
    ]
