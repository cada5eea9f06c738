"""Make any user input safe for the query parser (a pure function, no Whoosh involved).

What survives: words (any script), "quoted phrases", (parentheses), the operators AND, OR, NOT,
ANDNOT, ANDMAYBE (upper case only) and a trailing * on a word of at least 3 letters (prefix
search). Everything else that the parser would treat as syntax is disabled in the parser itself
(ranges, ^boosts, 'single quotes', *:*) or removed here (? and other * wildcards, and
":", so field:value reads as two words).
Control and format characters are removed, the text is NFKC-normalised (full-width ASCII and
punctuation become half-width), capped at MAX_QUERY_CHARS characters and MAX_QUERY_TERMS terms
(a run of Chinese characters counts one term per two characters, about what jieba makes of it);
unbalanced quotes and parentheses and dangling operators are repaired.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from search_index.chinese import to_simplified

MAX_QUERY_CHARS = 256
MAX_QUERY_TERMS = 12
MAX_QUERY_WORDS = MAX_QUERY_TERMS  # the older name
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
_BINARY = OPERATORS - {"NOT"}

_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
_WORD_CHAR = re.compile(r"\w")
_HAN_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
_LATIN_RUN = re.compile(r"[^\W\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
_PREFIX = re.compile(r"^(\w{3,})\*+$")
# Wildcards other than a trailing *, and ":" (so "title:clay" reads as two words).
_SEPARATORS = str.maketrans({"*": " ", "?": " ", ":": " "})


@dataclass(frozen=True)
class CleanedQuery:
    """The parser-safe text, and what had to be done to get it."""

    text: str
    truncated: bool = False
    changed: bool = False
    capped_terms: bool = False  # truncated because it had more than MAX_QUERY_TERMS terms

    @property
    def is_empty(self) -> bool:
        """True when nothing searchable is left."""
        return not _WORD_CHAR.search(self.text)


def _strip_controls(text: str) -> str:
    chars = [" " if unicodedata.category(ch).startswith(("C", "Z")) else ch for ch in text]
    return " ".join("".join(chars).split())


def _clean_word(word: str) -> str:
    match = _PREFIX.match(word)
    if match:
        return match.group(1) + "*"
    word = word.translate(_SEPARATORS).strip()
    return word if _WORD_CHAR.search(word) else ""


def _clean_phrase(token: str) -> str:
    inner = token.strip('"').translate(_SEPARATORS)
    inner = " ".join(inner.split())
    return f'"{inner}"' if _WORD_CHAR.search(inner) else ""


def _terms(token: str) -> int:
    """Roughly how many index terms a word or phrase becomes."""
    han = sum((len(run.group(0)) + 1) // 2 for run in _HAN_RUN.finditer(token))
    return han + len(_LATIN_RUN.findall(token))


def _cut_to_terms(token: str, budget: int) -> str:
    """The longest start of a word or phrase that stays within `budget` terms."""
    best = ""
    for end in range(1, len(token) + 1):
        piece = token[:end]
        if _terms(piece) > budget:
            break
        best = piece
    best = best.rstrip()
    if best.startswith('"'):
        best = _clean_phrase(best)
    return best if _WORD_CHAR.search(best) else ""


def _balance(tokens: list[str]) -> list[str]:
    depth_stack: list[int] = []
    drop: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok == "(":
            depth_stack.append(i)
        elif tok == ")":
            if depth_stack:
                depth_stack.pop()
            else:
                drop.add(i)
    drop.update(depth_stack)
    return [tok for i, tok in enumerate(tokens) if i not in drop]


def _is_operand(tok: str | None) -> bool:
    return tok is not None and tok not in OPERATORS and tok not in ("(", ")")


def _drop_dangling(tokens: list[str]) -> list[str]:
    """One pass: drop operators without operands, empty groups; return the new list."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        prev = out[-1] if out else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok in _BINARY:
            left_ok = _is_operand(prev) or prev == ")"
            right_ok = _is_operand(nxt) or nxt in ("(", "NOT")
            if not (left_ok and right_ok):
                continue
        elif tok == "NOT":
            if not (_is_operand(nxt) or nxt == "("):
                continue
        elif tok == ")" and prev == "(":
            out.pop()
            continue
        out.append(tok)
    return out


def _repair(tokens: list[str]) -> list[str]:
    for _ in range(len(tokens) + 1):
        fixed = _drop_dangling(_balance(tokens))
        if fixed == tokens:
            break
        tokens = fixed
    return tokens


def clean_query(text: str | None, max_chars: int = MAX_QUERY_CHARS) -> CleanedQuery:
    """Return a parser-safe version of the user's query text; never raises."""
    raw = "" if text is None else str(text)
    raw = raw[: max_chars * 8]  # bound the work on absurd input before normalising
    normal = to_simplified(_strip_controls(unicodedata.normalize("NFKC", raw)))
    truncated = len(normal) > max_chars
    if truncated:
        cut = normal[:max_chars]
        space = cut.rfind(" ")
        normal = cut[:space] if space > max_chars * 0.8 else cut
    tokens: list[str] = []
    words = 0
    capped = False
    for match in _TOKEN.finditer(normal):
        tok = match.group(0)
        if tok.startswith('"'):
            tok = _clean_phrase(tok)
        elif tok not in ("(", ")") and tok not in OPERATORS:
            tok = _clean_word(tok)
        if not tok:
            continue
        if _is_operand(tok):
            cost = max(1, _terms(tok))
            if words + cost > MAX_QUERY_TERMS:
                truncated = capped = True
                tok = _cut_to_terms(tok, MAX_QUERY_TERMS - words)
                if tok:
                    tokens.extend(tok.split() if not tok.startswith('"') else [tok])
                break
            words += cost
        tokens.extend(tok.split() if not tok.startswith('"') else [tok])
    cleaned = " ".join(_repair(tokens))
    original = " ".join(raw.split())
    return CleanedQuery(
        text=cleaned, truncated=truncated, changed=cleaned != original, capped_terms=capped
    )
