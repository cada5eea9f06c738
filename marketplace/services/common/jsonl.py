"""Validated JSON Lines imports: read every line, collect every error, write nothing if any."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from marketplace.services.common.service_errors import ServiceError
from marketplace.services.common.text_cleaning import clean_text


@dataclass(frozen=True)
class LineError:
    """One problem on one line of an import file."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class ImportRejected(ServiceError):
    """An import file had bad lines; nothing was written."""

    errors: list[LineError] = field(default_factory=list)

    def __str__(self) -> str:
        shown = "\n".join(str(e) for e in self.errors[:50])
        more = len(self.errors) - 50
        return shown + (f"\n... and {more} more" if more > 0 else "")


def read_objects(stream: TextIO | Iterable[str]) -> tuple[list[tuple[int, dict]], list[LineError]]:
    """Parse JSON Lines into (line number, object) pairs, skipping blank lines."""
    objects: list[tuple[int, dict]] = []
    errors: list[LineError] = []
    for number, raw in enumerate(stream, start=1):
        if isinstance(raw, bytes):  # pragma: no cover - callers pass text
            raw = raw.decode("utf-8")
        text = raw.strip().lstrip("\ufeff")
        if not text:
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            errors.append(LineError(number, "(json)", f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(obj, dict):
            errors.append(LineError(number, "(json)", "each line must be a JSON object"))
            continue
        objects.append((number, obj))
    return objects, errors


class LineChecker:
    """Checks the fields of one import line, recording a LineError per problem."""

    def __init__(self, line: int, obj: dict[str, Any], errors: list[LineError]):
        self.line, self.obj, self.errors = line, obj, errors

    def fail(self, field_name: str, message: str) -> None:
        """Record a problem with a field."""
        self.errors.append(LineError(self.line, field_name, message))

    def text(
        self, name: str, *, required: bool = True, max_len: int = 200, min_len: int = 1
    ) -> str | None:
        """A string field, stripped; None when optional and absent."""
        value = self.obj.get(name)
        if value is None or (isinstance(value, str) and not value.strip() and not required):
            if required:
                self.fail(name, "is required")
            return None
        if not isinstance(value, str):
            self.fail(name, "must be a string")
            return None
        value = clean_text(value)
        if len(value) < min_len:
            self.fail(
                name, "is required" if not value else f"must be at least {min_len} characters"
            )
            return None
        if len(value) > max_len:
            self.fail(name, f"must be at most {max_len} characters (got {len(value)})")
            return None
        return value

    def integer(self, name: str, *, low: int, high: int) -> int | None:
        """An optional integer field within [low, high]."""
        value = self.obj.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
                value = int(value)
            else:
                self.fail(name, "must be a whole number")
                return None
        if not low <= value <= high:
            self.fail(name, f"must be between {low} and {high} (got {value})")
            return None
        return value

    def codes(
        self, name: str, allowed: Iterable[str], *, required: bool = False, max_items: int = 13
    ) -> list[str]:
        """A list of codes from `allowed` (a comma-separated string is accepted too)."""
        value = self.obj.get(name)
        if value is None or value == [] or value == "":
            if required:
                self.fail(name, "needs at least one code")
            return []
        if isinstance(value, str):
            value = [v for v in re.split(r"[,\s]+", value) if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(name, "must be a list of codes")
            return []
        codes = [v.strip().upper() for v in value]
        allowed_set = set(allowed)
        unknown = [c for c in codes if c not in allowed_set]
        if unknown:
            self.fail(name, f"unknown code(s) {', '.join(unknown)}; expected {', '.join(allowed)}")
            return []
        unique = list(dict.fromkeys(codes))
        if len(unique) > max_items:
            self.fail(name, f"at most {max_items} codes allowed (got {len(unique)})")
            return []
        return unique

    def choice(
        self, name: str, allowed: Iterable[str], *, default: str | None = None
    ) -> str | None:
        """An optional value from a fixed set."""
        value = self.obj.get(name)
        if value is None or value == "":
            return default
        allowed_list = list(allowed)
        if not isinstance(value, str) or value not in allowed_list:
            self.fail(name, f"must be one of {', '.join(allowed_list)} (got {value!r})")
            return None
        return value


def validate_lines(
    stream: TextIO | Iterable[str],
    parse: Callable[[LineChecker], Any],
    *,
    key: Callable[[Any], str] | None = None,
    key_field: str = "id",
) -> list[Any]:
    """Validate every line; return the records, or raise ImportRejected listing every problem."""
    objects, errors = read_objects(stream)
    records: list[Any] = []
    seen: dict[str, int] = {}
    for line, obj in objects:
        before = len(errors)
        record = parse(LineChecker(line, obj, errors))
        if len(errors) > before or record is None:
            continue
        if key is not None:
            k = key(record)
            if k in seen:
                errors.append(LineError(line, key_field, f"{k!r} repeats line {seen[k]}"))
                continue
            seen[k] = line
        records.append(record)
    if not objects and not errors:
        errors.append(LineError(0, "(file)", "the file has no records"))
    if errors:
        raise ImportRejected(errors)
    return records
