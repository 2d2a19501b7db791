"""Which column feeds which field: guessed from the header, editable, saved as presets.

A mapping is ``{field key: header text}``. A preset file is JSON
``{"kind": "calls", "mapping": {...}}`` (a bare mapping object is accepted too).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from workbench.importers.errors import ImportFileError
from workbench.importers.kinds import KINDS, KindSpec

_BRACKETS = re.compile(r"[((\[【].*?[))\]】]")
_NOISE = re.compile(r"[\s_\-:：.。/]+")


def fold(header: str) -> str:
    """Header text reduced for matching: NFKC, lower case, no spaces or unit brackets."""
    text = unicodedata.normalize("NFKC", str(header)).strip().lower()
    bare = _BRACKETS.sub("", text)
    return _NOISE.sub("", bare or text)


def guess_mapping(headers: Sequence[str], kind: KindSpec) -> dict[str, str]:
    """Exact (folded) header names first, then a known name contained in the header."""
    folded = {h: fold(h) for h in headers}
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for exact in (True, False):
        for spec in kind.fields:
            if spec.key in mapping:
                continue
            names = [fold(n) for n in spec.headers if fold(n)]
            for header in headers:
                if header in taken:
                    continue
                h = folded[header]
                hit = h in names if exact else any(len(n) >= 2 and n in h for n in names)
                if hit:
                    mapping[spec.key] = header
                    taken.add(header)
                    break
    return {f.key: mapping[f.key] for f in kind.fields if f.key in mapping}


class MappingProblem(str):
    """A mapping problem as English text, with a code and values for a translation."""

    code: str
    params: dict[str, object]

    def __new__(cls, message: str, code: str, **params: object) -> MappingProblem:
        problem = super().__new__(cls, message)
        problem.code, problem.params = code, dict(params)
        return problem

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, object]]:
        # copy/deepcopy/pickle rebuild it with its code (dataclasses.asdict deep-copies).
        return (str(self), self.code), dict(self.params)


def check_mapping(
    mapping: Mapping[str, str], headers: Sequence[str], kind: KindSpec
) -> list[MappingProblem]:
    """Problems that stop an import before any row is read (unknown field, missing column)."""
    problems = []
    known = {f.key for f in kind.fields}
    for key, header in mapping.items():
        if key not in known:
            problems.append(
                MappingProblem(
                    f"mapping: {key!r} is not a field of {kind.key}",
                    "mapping.unknown_field",
                    field=key,
                )
            )
        elif header not in headers:
            problems.append(
                MappingProblem(
                    f"mapping: column {header!r} (for {key}) is not in the file",
                    "mapping.missing_column",
                    column=header,
                    field=key,
                )
            )
    for key in kind.required:
        if key not in mapping:
            spec = kind.field(key)
            problems.append(
                MappingProblem(
                    f"mapping: no column for the required field {key} "
                    f"({spec.label_zh}/{spec.label_en})",
                    "mapping.required",
                    label_zh=spec.label_zh,
                    label_en=spec.label_en,
                )
            )
    used = [h for h in mapping.values()]
    for header in sorted({h for h in used if used.count(h) > 1}):
        problems.append(
            MappingProblem(
                f"mapping: column {header!r} is mapped to more than one field",
                "mapping.used_twice",
                column=header,
            )
        )
    return problems


def load_mapping_file(path: Path | str, kind: str | None = None) -> dict[str, str]:
    """A saved column mapping (``--mapping``); a file that is not one is refused naming
    the file and why (codes "mapping.*" of ``file_messages``, in both languages)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ImportFileError(
            "mapping.cannot_read", file=path.name, reason=exc.strerror or str(exc)
        ) from None
    except UnicodeDecodeError:
        raise ImportFileError("mapping.not_utf8", file=path.name) from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            "mapping.not_json", file=path.name, reason=exc.msg, line=exc.lineno
        ) from None
    if isinstance(data, dict) and "mapping" in data:
        if kind and data.get("kind") not in (None, kind):
            found, wanted = str(data["kind"]), KINDS[kind]
            named = KINDS.get(found)
            raise ImportFileError(
                "mapping.other_kind",
                file=path.name,
                found_zh=named.label_zh if named else found,
                found_en=named.label_en if named else found,
                kind_zh=wanted.label_zh,
                kind_en=wanted.label_en,
            )
        data = data["mapping"]
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(val, str) for k, val in data.items()
    ):
        raise ImportFileError("mapping.not_an_object", file=path.name)
    return dict(data)


def dump_mapping(kind: str, mapping: Mapping[str, str]) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return json.dumps({"kind": kind, "mapping": dict(mapping)}, ensure_ascii=False, indent=2)
