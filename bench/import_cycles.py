"""Print the import cycles of `marketplace` (strongly connected modules) as figures.

Usage: .venv/bin/python bench/import_cycles.py [--with-type-checking]

Builds the import graph with grimp (what import-linter uses), counting imports inside functions
too (a lazy import is still a dependency) but not the ones under `if TYPE_CHECKING:` unless asked.
Prints the number of strongly connected components of more than one module, their sizes and
members, and the number of import edges that stay inside a component.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components of more than one module, largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            recurse = False
            targets = edges[node]
            while i < len(targets):
                nxt = targets[i]
                i += 1
                if nxt not in index:
                    work.append((node, i))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(found, key=len, reverse=True)


def cycles(exclude_type_checking: bool = True) -> list[list[str]]:
    """The import cycles of marketplace (components of two or more modules)."""
    graph = grimp.build_graph(
        "marketplace", exclude_type_checking_imports=exclude_type_checking, cache_dir=None
    )
    return strongly_connected(graph)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-type-checking", action="store_true")
    args = parser.parse_args()
    graph = grimp.build_graph(
        "marketplace", exclude_type_checking_imports=not args.with_type_checking, cache_dir=None
    )
    components = strongly_connected(graph)
    print(f"modules: {len(graph.modules)}")
    print(f"import cycles (strongly connected components > 1 module): {len(components)}")
    print(f"modules inside a cycle: {sum(len(c) for c in components)}")
    for component in components:
        members = set(component)
        inner = sum(
            1 for m in component for t in graph.find_modules_directly_imported_by(m) if t in members
        )
        print(f"\n{len(component)} modules, {inner} import edges inside:")
        for module in component:
            print(f"  {module}")
    return 1 if components else 0


if __name__ == "__main__":
    raise SystemExit(main())
