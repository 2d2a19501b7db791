"""Jurisdiction profiles: the legal figures as versioned data.

Thresholds and deadlines change with new interpretations and minutes; keeping them in a
versioned file lets a document say which rules produced its figures, and lets a new
profile be added without touching code. A profile is validated completely on load so a
damaged file fails loudly instead of producing a wrong tier.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from workbench.domain.errors import DomainError
from workbench.domain.quantities import grams_to_mg
from workbench.domain.vocab import DRUGS, PRECURSORS

PROFILE_PACKAGE = "workbench.resources.profiles"
DEFAULT_PROFILE = "prc-2016"
_PROFILE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_REFERENCE_DRUG = "heroin"  # mixed drugs are summed as heroin equivalent


@dataclass(frozen=True)
class DrugTier:
    """Thresholds for one drug (both are "at least"); no factor means never summed."""

    drug: str
    large_g: Decimal
    relatively_large_g: Decimal
    heroin_factor: Decimal | None


@dataclass(frozen=True)
class ScaleBand:
    """Net weights below ``below_mg`` (None: any) need a scale this fine or finer."""

    below_mg: int | None
    resolution_mg: int


@dataclass(frozen=True)
class SamplingRule:
    all_below: int
    fixed_below: int
    fixed_count: int
    above: str  # only "round_sqrt" is known
    check: bool


@dataclass(frozen=True)
class TestingRule:
    days: int
    complex_days: int
    purity_required_when: frozenset[str]


@dataclass(frozen=True)
class CustodyRule:
    arrest_request_days: int
    arrest_request_extension_min_days: int
    arrest_request_extension_max_days: int
    arrest_request_roving_gang_days: int
    procuratorate_decision_days: int
    investigation_custody_months: int
    investigation_extension_months: tuple[int, ...]


@dataclass(frozen=True)
class RehabRule:
    community_rehab_years: int
    compulsory_isolation_years: int
    compulsory_isolation_early_release_years: int
    compulsory_isolation_extension_max_years: int
    community_recovery_max_years: int
    administrative_detention_min_days: int
    administrative_detention_max_days: int
    administrative_detention_minor_max_days: int
    # Any administrative detention: 1-15 days for one offence, at most 20 when combined.
    administrative_detention_limit_min_days: int = 1
    administrative_detention_limit_max_days: int = 15
    administrative_detention_combined_max_days: int = 20


@dataclass(frozen=True)
class Source:
    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class JurisdictionProfile:
    id: str
    version: str
    title_zh: str
    title_en: str
    sources: tuple[Source, ...]
    tiers: Mapping[str, DrugTier]
    scale_bands: tuple[ScaleBand, ...]
    sampling: SamplingRule
    testing: TestingRule
    custody: CustodyRule
    rehab: RehabRule
    checks: frozenset[str]
    check_notes: Mapping[str, str]
    citation_zh: str = ""  # the law the figures come from, as a document cites it
    citation_en: str = ""

    @property
    def label(self) -> str:
        """What documents and warnings print, e.g. "prc-2016 v2016.2"."""
        return f"{self.id} v{self.version}"

    def words(self, lang: str) -> str:
        """The profile named in words, as a prosecution document cites it:
        "《刑法》第347条及法释〔2016〕8号(prc-2016 版本 2016.2)"."""
        if lang.startswith("zh"):
            return f"{self.citation_zh or self.title_zh}({self.id} 版本 {self.version})"
        return f"{self.citation_en or self.title_en} ({self.id} version {self.version})"

    def needs_check(self, item: str) -> bool:
        """Whether ``item`` (or a section containing it) is marked [check]."""
        parts = item.split(".")
        return any(".".join(parts[:n]) in self.checks for n in range(1, len(parts) + 1))

    def check_warning(self, item: str) -> str | None:
        """The warning to show beside a [check] figure, naming this profile."""
        if not self.needs_check(item):
            return None
        note = self.check_note(item) or "not confirmed against an official text."
        return f"Unconfirmed rule ({self.label}): {note}"

    def check_note(self, item: str) -> str | None:
        """The profile's note on a [check] item: the item's own, a section's, or one whose
        key has ``*`` for a part ("tiers.*.relatively_large_g")."""
        parts = item.split(".")
        for n in range(len(parts), 0, -1):
            head = parts[:n]
            for key in (".".join(head), ".".join([head[0], "*", *head[2:]])):
                if key in self.check_notes:
                    return self.check_notes[key]
        return None


# ---------------------------------------------------------------------------------------
# Loading and validation


class _Reader:
    """Typed access to the parsed JSON; every failure names the offending field."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, field: str, problem: str) -> DomainError:
        return DomainError("profile.invalid", f"profile {self.origin}: {field} {problem}")

    def obj(self, value: object, field: str) -> dict[str, object]:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise self.fail(field, "must be an object")
        return value

    def get(self, parent: dict[str, object], key: str, field: str) -> object:
        if key not in parent:
            raise self.fail(f"{field}.{key}" if field else key, "is missing")
        return parent[key]

    def text(self, value: object, field: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be a non-empty string")
        return value

    def integer(self, value: object, field: str, *, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, "must be an integer")
        if value < minimum:
            raise self.fail(field, f"must be at least {minimum}, got {value}")
        return value

    def decimal(self, value: object, field: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            raise self.fail(field, "must be a decimal string")
        try:
            number = Decimal(value)
        except ArithmeticError:
            raise self.fail(field, f"is not a number: {value!r}") from None
        if not number.is_finite() or number <= 0:
            raise self.fail(field, f"must be a positive number, got {value!r}")
        return number

    def grams_mg(self, value: object, field: str) -> int:
        number = self.decimal(value, field)
        try:
            return grams_to_mg(number)
        except DomainError as error:
            raise self.fail(field, error.message) from None

    def int_list(self, value: object, field: str, *, minimum: int) -> tuple[int, ...]:
        if not isinstance(value, list):
            raise self.fail(field, "must be a list")
        return tuple(self.integer(v, f"{field}[{i}]", minimum=minimum) for i, v in enumerate(value))

    def str_list(self, value: object, field: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(field, "must be a list")
        items = tuple(self.text(v, f"{field}[{i}]") for i, v in enumerate(value))
        if len(set(items)) != len(items):
            raise self.fail(field, "has duplicates")
        return items


def _tiers(r: _Reader, doc: dict[str, object]) -> Mapping[str, DrugTier]:
    raw = r.obj(r.get(doc, "tiers", ""), "tiers")
    tiers: dict[str, DrugTier] = {}
    for drug, spec in raw.items():
        field = f"tiers.{drug}"
        if drug in PRECURSORS:
            raise r.fail(field, "is a precursor chemical; precursors have no drug tiers")
        if drug not in DRUGS:
            raise r.fail(field, "is not a known drug key")
        entry = r.obj(spec, field)
        large = r.decimal(r.get(entry, "large_g", field), f"{field}.large_g")
        rel = r.decimal(r.get(entry, "relatively_large_g", field), f"{field}.relatively_large_g")
        r.grams_mg(large, f"{field}.large_g")
        r.grams_mg(rel, f"{field}.relatively_large_g")
        if not rel < large:
            raise r.fail(field, f"relatively_large_g {rel} must be below large_g {large}")
        raw_factor = r.get(entry, "heroin_factor", field)
        factor = None if raw_factor is None else r.decimal(raw_factor, f"{field}.heroin_factor")
        tiers[drug] = DrugTier(drug, large, rel, factor)
    reference = tiers.get(_REFERENCE_DRUG)
    if reference is None or reference.heroin_factor != 1:
        raise r.fail(f"tiers.{_REFERENCE_DRUG}", "must exist with heroin_factor 1")
    return MappingProxyType(tiers)


def _bands(r: _Reader, doc: dict[str, object]) -> tuple[ScaleBand, ...]:
    raw = r.get(doc, "scale_resolution", "")
    if not isinstance(raw, list) or not raw:
        raise r.fail("scale_resolution", "must be a non-empty list")
    bands: list[ScaleBand] = []
    for i, spec in enumerate(raw):
        field = f"scale_resolution[{i}]"
        entry = r.obj(spec, field)
        below_raw = r.get(entry, "below_g", field)
        below = None if below_raw is None else r.grams_mg(below_raw, f"{field}.below_g")
        resolution = r.grams_mg(r.get(entry, "resolution_g", field), f"{field}.resolution_g")
        if bands:
            previous = bands[-1]
            if previous.below_mg is None:
                raise r.fail(field, "follows the open-ended band (below_g null)")
            if below is not None and below <= previous.below_mg:
                raise r.fail(f"{field}.below_g", "must be larger than the previous band's")
            if resolution < previous.resolution_mg:
                raise r.fail(f"{field}.resolution_g", "must not be finer than the previous band's")
        bands.append(ScaleBand(below, resolution))
    if bands[-1].below_mg is not None:
        raise r.fail(f"scale_resolution[{len(bands) - 1}].below_g", "must be null in the last band")
    return tuple(bands)


def _sampling(r: _Reader, doc: dict[str, object]) -> SamplingRule:
    raw = r.obj(r.get(doc, "sampling", ""), "sampling")
    rule = SamplingRule(
        all_below=r.integer(r.get(raw, "all_below", "sampling"), "sampling.all_below", minimum=1),
        fixed_below=r.integer(r.get(raw, "fixed_below", "sampling"), "sampling.fixed_below"),
        fixed_count=r.integer(
            r.get(raw, "fixed_count", "sampling"), "sampling.fixed_count", minimum=1
        ),
        above=r.text(r.get(raw, "above", "sampling"), "sampling.above"),
        check=raw.get("check", False) is True,
    )
    if rule.above != "round_sqrt":
        raise r.fail("sampling.above", f"must be 'round_sqrt', got {rule.above!r}")
    if rule.fixed_below < rule.all_below:
        raise r.fail("sampling.fixed_below", "must not be below sampling.all_below")
    if rule.fixed_count > rule.all_below:
        raise r.fail("sampling.fixed_count", "cannot exceed sampling.all_below")
    return rule


def _testing(r: _Reader, doc: dict[str, object]) -> TestingRule:
    raw = r.obj(r.get(doc, "testing", ""), "testing")
    days = r.integer(r.get(raw, "days", "testing"), "testing.days", minimum=1)
    complex_days = r.integer(r.get(raw, "complex_days", "testing"), "testing.complex_days")
    if complex_days < days:
        raise r.fail("testing.complex_days", "must not be shorter than testing.days")
    purity = r.str_list(raw.get("purity_required_when", []), "testing.purity_required_when")
    return TestingRule(days, complex_days, frozenset(purity))


def _range(r: _Reader, value: object, field: str) -> tuple[int, int]:
    raw = r.obj(value, field)
    low = r.integer(r.get(raw, "min", field), f"{field}.min", minimum=1)
    high = r.integer(r.get(raw, "max", field), f"{field}.max", minimum=1)
    if high < low:
        raise r.fail(field, f"max {high} is below min {low}")
    return low, high


def _custody(r: _Reader, doc: dict[str, object]) -> CustodyRule:
    raw = r.obj(r.get(doc, "custody", ""), "custody")

    def positive(key: str) -> int:
        return r.integer(r.get(raw, key, "custody"), f"custody.{key}", minimum=1)

    ext_min, ext_max = _range(
        r,
        r.get(raw, "arrest_request_extension_days", "custody"),
        "custody.arrest_request_extension_days",
    )
    rule = CustodyRule(
        arrest_request_days=positive("arrest_request_days"),
        arrest_request_extension_min_days=ext_min,
        arrest_request_extension_max_days=ext_max,
        arrest_request_roving_gang_days=positive("arrest_request_roving_gang_days"),
        procuratorate_decision_days=positive("procuratorate_decision_days"),
        investigation_custody_months=positive("investigation_custody_months"),
        investigation_extension_months=r.int_list(
            r.get(raw, "investigation_extension_months", "custody"),
            "custody.investigation_extension_months",
            minimum=1,
        ),
    )
    if rule.arrest_request_roving_gang_days < rule.arrest_request_days + ext_max:
        raise r.fail(
            "custody.arrest_request_roving_gang_days",
            "must not be shorter than the ordinary extended period",
        )
    return rule


def _rehab(r: _Reader, doc: dict[str, object]) -> RehabRule:
    raw = r.obj(r.get(doc, "rehab", ""), "rehab")

    def positive(key: str) -> int:
        return r.integer(r.get(raw, key, "rehab"), f"rehab.{key}", minimum=1)

    low, high = _range(
        r,
        r.get(raw, "administrative_detention_days", "rehab"),
        "rehab.administrative_detention_days",
    )
    limit_low, limit_high = _range(
        r,
        r.get(raw, "administrative_detention_limit_days", "rehab"),
        "rehab.administrative_detention_limit_days",
    )
    rule = RehabRule(
        community_rehab_years=positive("community_rehab_years"),
        compulsory_isolation_years=positive("compulsory_isolation_years"),
        compulsory_isolation_early_release_years=positive(
            "compulsory_isolation_early_release_years"
        ),
        compulsory_isolation_extension_max_years=r.integer(
            r.get(raw, "compulsory_isolation_extension_max_years", "rehab"),
            "rehab.compulsory_isolation_extension_max_years",
        ),
        community_recovery_max_years=positive("community_recovery_max_years"),
        administrative_detention_min_days=low,
        administrative_detention_max_days=high,
        administrative_detention_minor_max_days=positive("administrative_detention_minor_max_days"),
        administrative_detention_limit_min_days=limit_low,
        administrative_detention_limit_max_days=limit_high,
        administrative_detention_combined_max_days=positive(
            "administrative_detention_combined_max_days"
        ),
    )
    if rule.administrative_detention_combined_max_days < limit_high:
        raise r.fail(
            "rehab.administrative_detention_combined_max_days",
            "must not be shorter than rehab.administrative_detention_limit_days.max",
        )
    if rule.compulsory_isolation_early_release_years > rule.compulsory_isolation_years:
        raise r.fail(
            "rehab.compulsory_isolation_early_release_years",
            "cannot exceed rehab.compulsory_isolation_years",
        )
    return rule


def _sources(r: _Reader, doc: dict[str, object]) -> tuple[Source, ...]:
    raw = r.get(doc, "sources", "")
    if not isinstance(raw, list) or not raw:
        raise r.fail("sources", "must be a non-empty list")
    sources = []
    for i, spec in enumerate(raw):
        field = f"sources[{i}]"
        entry = r.obj(spec, field)
        sources.append(
            Source(
                key=r.text(r.get(entry, "key", field), f"{field}.key"),
                zh=r.text(r.get(entry, "zh", field), f"{field}.zh"),
                en=r.text(r.get(entry, "en", field), f"{field}.en"),
            )
        )
    return tuple(sources)


def _checks(r: _Reader, doc: dict[str, object], sampling: SamplingRule) -> frozenset[str]:
    items = set(r.str_list(r.get(doc, "check", ""), "check"))
    if sampling.check:
        items.add("sampling")
    return frozenset(items)


def _check_notes(r: _Reader, doc: dict[str, object], checks: frozenset[str]) -> Mapping[str, str]:
    raw = r.obj(doc.get("check_notes", {}), "check_notes")
    notes = {key: r.text(value, f"check_notes.{key}") for key, value in raw.items()}
    for key in notes:
        pattern = re.compile(r"[^.]+".join(re.escape(part) for part in key.split("*")))
        if key not in checks and not any(pattern.fullmatch(item) for item in checks):
            raise r.fail(f"check_notes.{key}", "is not in the check list")
    return MappingProxyType(notes)


def parse_profile(text: str, *, origin: str = "<text>") -> JurisdictionProfile:
    """Build and validate a profile from its JSON text."""
    r = _Reader(origin)
    try:
        # Decimals, not floats, if someone writes a figure as a bare JSON number.
        data: object = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise r.fail("document", f"is not valid JSON: {error}") from None
    doc = r.obj(data, "document")
    profile_id = r.text(r.get(doc, "id", ""), "id")
    if not _PROFILE_ID.fullmatch(profile_id):
        raise r.fail(
            "id", f"must be lower-case letters, digits, '.', '_' or '-', got {profile_id!r}"
        )
    title = r.obj(r.get(doc, "title", ""), "title")
    citation = r.obj(doc.get("citation", {"zh": "", "en": ""}), "citation")
    sampling = _sampling(r, doc)
    checks = _checks(r, doc, sampling)
    return JurisdictionProfile(
        id=profile_id,
        version=r.text(r.get(doc, "version", ""), "version"),
        title_zh=r.text(r.get(title, "zh", "title"), "title.zh"),
        title_en=r.text(r.get(title, "en", "title"), "title.en"),
        sources=_sources(r, doc),
        tiers=_tiers(r, doc),
        scale_bands=_bands(r, doc),
        sampling=sampling,
        testing=_testing(r, doc),
        custody=_custody(r, doc),
        rehab=_rehab(r, doc),
        checks=checks,
        check_notes=_check_notes(r, doc, checks),
        citation_zh=str(citation.get("zh", "")),
        citation_en=str(citation.get("en", "")),
    )


def load_profile_file(path: Path) -> JurisdictionProfile:
    """Load a profile from any file (tests, or a profile not yet packaged); not cached."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DomainError("profile.unreadable", f"profile {path} cannot be read: {error}") from None
    return parse_profile(text, origin=str(path))


def load_profile(profile_id: str = DEFAULT_PROFILE) -> JurisdictionProfile:
    """A packaged profile by id; loaded and validated once per process."""
    return _load_packaged(profile_id)


@functools.cache
def _load_packaged(profile_id: str) -> JurisdictionProfile:
    # Behind load_profile so that load_profile() and load_profile("prc-2016") share a cache entry.
    if not _PROFILE_ID.fullmatch(profile_id):
        raise DomainError("profile.unknown", f"{profile_id!r} is not a valid profile id")
    resource = resources.files(PROFILE_PACKAGE).joinpath(f"{profile_id}.json")
    if not resource.is_file():
        raise DomainError("profile.unknown", f"no packaged profile named {profile_id!r}")
    profile = parse_profile(resource.read_text(encoding="utf-8"), origin=f"{profile_id}.json")
    if profile.id != profile_id:
        raise DomainError("profile.invalid", f"profile {profile_id}.json: id says {profile.id!r}")
    return profile
