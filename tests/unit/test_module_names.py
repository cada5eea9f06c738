"""Every module file in marketplace/ has a name of its own, so a file name finds one file."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "marketplace"

# Names still shared while their owners rename them (events/tasks/handlers/outbox: the wiring
# work; staff/templating: the staff-home work). Empty this set once those branches are merged.


def shared_names(root: Path) -> dict[str, list[str]]:
    """File name -> the module files under root that carry it, for names used more than once."""
    places: dict[str, list[str]] = defaultdict(list)
    for path in root.rglob("*.py"):
        if path.name != "__init__.py":
            places[path.name].append(str(path.relative_to(root.parent)))
    return {name: sorted(paths) for name, paths in places.items() if len(paths) > 1}


def test_no_two_module_files_share_a_name() -> None:
    clashes = shared_names(PACKAGE)
    assert clashes == {}, f"give these modules names of their own: {clashes}"


def test_the_check_sees_a_clash(tmp_path: Path) -> None:
    root = tmp_path / "marketplace"
    for folder in ("bids", "needs"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
        (root / folder / "routes.py").write_text("")
    (root / "needs" / "need_forms.py").write_text("")
    assert shared_names(root) == {
        "routes.py": ["marketplace/bids/routes.py", "marketplace/needs/routes.py"]
    }

