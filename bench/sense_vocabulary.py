"""Write matching/data/sense_vocabulary.txt: English word counts of the catalogue (industry
trends, scenarios, discipline names) and the reviewed glossary's English side.

The lexicon (matching/lexicon.py) uses these counts, and no grades, to choose which CC-CEDICT
sense of a Chinese word the encoder reads ("打印": "print out" rather than "affix a seal").

    .venv/bin/python bench/sense_vocabulary.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.glossary import load_glossary  # noqa: E402
from matching.lexicon import VOCABULARY_PATH  # noqa: E402

WORD = re.compile(r"[a-z]{2,}(?:-[a-z]+)*")


def main() -> int:
    texts: list[str] = [en for _, en in load_glossary()]
    for path in sorted((ROOT / "marketplace/catalog/data/industries").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts += [data["name"], data["trend"]]
        for s in data["scenarios"]:
            texts += [s["title"], s["summary"], s["description"], *s.get("deliverables", [])]
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    texts += [d["name"] for d in disciplines]
    counts = Counter(w for t in texts for w in WORD.findall(t.lower()))
    lines = [f"{w}\t{n}" for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    header = "# English word counts of the catalogue and glossary; bench/sense_vocabulary.py\n"
    VOCABULARY_PATH.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(counts)} words written to {VOCABULARY_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
