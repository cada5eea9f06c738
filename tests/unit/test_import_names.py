"""Project modules are imported by their own names (`import x as y` hides where names come from)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("marketplace", "matching", "search_index")


def _is_module(root: Path, dotted: str) -> bool:
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def renamed_module_imports(root: Path, package: str) -> list[str]:
    """'file:line: import … as …' for each project module imported under another name."""
    found = []
    for path in sorted((root / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                pairs = [(alias.name, alias) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                pairs = [(f"{node.module}.{alias.name}", alias) for alias in node.names]
            else:
                continue
            for dotted, alias in pairs:
                own = dotted.rsplit(".", 1)[-1]
                if (alias.asname and alias.asname != own and dotted.split(".")[0] in PROJECT
                        and _is_module(root, dotted)):
                    where = path.relative_to(root)
                    found.append(f"{where}:{node.lineno}: {dotted} as {alias.asname}")
    return found


def test_project_modules_keep_their_names() -> None:
    assert renamed_module_imports(ROOT, "marketplace") == []


def test_the_check_sees_a_renamed_module(tmp_path: Path) -> None:
    package = tmp_path / "marketplace"
    (package / "services").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "services" / "__init__.py").write_text("")
    (package / "services" / "profiles.py").write_text("LIMIT = 3\n")
    (package / "pages.py").write_text(
        "from marketplace.services import profiles as studios\n"
        "from marketplace.services.profiles import LIMIT as MOST\n"  # a name, not a module
        "import numpy as np\n"
    )
    assert renamed_module_imports(tmp_path, "marketplace") == [
        "marketplace/pages.py:1: marketplace.services.profiles as studios"
    ]
