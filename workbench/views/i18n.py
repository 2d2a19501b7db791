"""Installing the interface language: our catalogue plus Qt's own (qtbase) strings.

Source strings are English; ``resources/i18n/workbench_<lang>.qm`` holds the others
(refreshed by ``make translations``). English loads a catalogue only for plural forms.
The catalogues are package data: their folder comes from ``workbench.resources`` (through
``importlib.resources.as_file``), so a frozen or zipped app finds them too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workbench.resources import resource_path

SOURCE_LANGUAGE = "en"
CATALOGUE = "workbench"


def catalogue_dir() -> Path:
    """The folder holding the compiled catalogues, as a real path Qt can load from."""
    return resource_path("i18n")


# Kept referenced: a QTranslator that is garbage-collected silently stops translating.
_installed: list[QTranslator] = []


def available_languages() -> tuple[str, ...]:
    """Languages the interface can be shown in: the source language and each .qm."""
    found = {
        p.stem.removeprefix(f"{CATALOGUE}_") for p in catalogue_dir().glob(f"{CATALOGUE}_*.qm")
    }
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def resolve_language(choice: str | None, system: QLocale | None = None) -> str:
    """A concrete language for a setting or ``--lang`` value; "system" follows the locale.

    Any Chinese locale gets Simplified Chinese (closer than English for zh_TW/zh_HK);
    anything we have no catalogue for gets English.
    """
    if choice and choice != "system":
        if choice in available_languages():
            return choice
        return SOURCE_LANGUAGE
    locale = system if system is not None else QLocale.system()
    if locale.language() == QLocale.Language.Chinese and "zh_CN" in available_languages():
        return "zh_CN"
    name = locale.name()
    return name if name in available_languages() else SOURCE_LANGUAGE


def install_translators(choice: str | None, app: QCoreApplication | None = None) -> str:
    """Install the catalogues for ``choice`` ("system", "zh_CN", "en"); returns the language.

    Replaces whatever an earlier call installed. Numbers and dates follow the language
    chosen explicitly, or the system locale when following the system.
    """
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QCoreApplication")
    remove_translators(app)
    language = resolve_language(choice)
    QLocale.setDefault(QLocale.system() if choice in (None, "", "system") else QLocale(language))
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{language}", str(catalogue_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    if language != SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qtbase)
            _installed.append(qtbase)
    return language


def remove_translators(app: QCoreApplication | None = None) -> None:
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


def current_language() -> str:
    """The language of the installed workbench catalogue (English when none)."""
    for translator in _installed:
        name = Path(translator.filePath()).stem
        if name.startswith(f"{CATALOGUE}_"):
            return name.removeprefix(f"{CATALOGUE}_")
    return SOURCE_LANGUAGE


def arg(template: str, *values: object) -> str:
    """Fill Qt-style ``%1`` … ``%9`` markers (translators may reorder them; tr() returns str)."""
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template
