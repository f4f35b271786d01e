"""The language of the user interface: Simplified Chinese or English, switchable while running.

Our own messages come from `resources/translations/dossier_<lang>.qm`; the strings Qt draws
itself (standard dialog buttons, context menus of text fields, file dialogs) come from Qt's
`qtbase_<lang>.qm` in the PySide6 installation. English is the source language of both, so
English needs no translator at all.

Widgets whose text must follow a switch at run time re-read it in a `retranslate()` method,
called from `changeEvent` on `QEvent.LanguageChange`, which Qt sends to every widget whenever
a translator is installed or removed.
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

from PySide6.QtCore import (QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings,
                            QTranslator)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

__all__ = [
    "LANGUAGES", "SETTINGS_KEY", "LanguageMenu", "current_language", "install_translators",
    "normalize_language", "saved_language", "set_language", "startup_language",
    "system_language", "translations_dir",
]

#: The languages the interface is offered in; English is the source text.
LANGUAGES = ("zh_CN", "en")
#: Where the user's choice is kept in QSettings.
SETTINGS_KEY = "ui/language"

# Our translators are children of the application, found again by this name when replaced.
_TRANSLATOR_NAME = "dossierTranslator"
_LANGUAGE_PROPERTY = "dossierLanguage"


def translations_dir() -> Path:
    """The folder holding our `.ts` sources and `.qm` catalogues."""
    return Path(str(importlib.resources.files("resources").joinpath("translations")))


def normalize_language(value: object) -> str | None:
    """`value` as one of `LANGUAGES`, or None when it names no language we offer.

    Accepts the spellings people and systems use: 'zh_CN', 'zh-CN', 'zh', 'en', 'en_US', ...
    Any Chinese variant maps to 'zh_CN': Simplified Chinese is the only Chinese we ship, and it
    serves a Traditional-Chinese reader better than English does.
    """
    if not isinstance(value, str):
        return None
    head = value.strip().replace("-", "_").split("_")[0].lower()
    if head == "zh":
        return "zh_CN"
    if head == "en":
        return "en"
    return None


def system_language() -> str:
    """The language to use when the user has chosen none: Chinese on a Chinese system, else English."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def saved_language(settings: QSettings | None = None) -> str | None:
    """The language the user chose earlier (QSettings `ui/language`), or None if none was chosen."""
    settings = settings if settings is not None else QSettings()
    return normalize_language(settings.value(SETTINGS_KEY))


def startup_language(option: str | None, settings: QSettings | None = None) -> str | None:
    """The language to start in: the `--lang` option, else the saved choice, else None (the system's)."""
    return normalize_language(option) or saved_language(settings)


def current_language(app: QCoreApplication | None = None) -> str:
    """The language in force on `app` (default: the running application): 'zh_CN' or 'en'."""
    app = app if app is not None else QCoreApplication.instance()
    value = app.property(_LANGUAGE_PROPERTY) if app is not None else None
    return normalize_language(value) or "en"


def _remove_translators(app: QCoreApplication) -> None:
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setObjectName("")
        translator.deleteLater()


def _load(app: QCoreApplication, name: str, folder: Path | str) -> QTranslator | None:
    translator = QTranslator(app)
    if not translator.load(name, str(folder)):
        translator.deleteLater()
        return None
    translator.setObjectName(_TRANSLATOR_NAME)
    return translator


def install_translators(app: QCoreApplication, language: str | None) -> str:
    """Install the translators for `language` ('zh_CN' or 'en'; None follows the system locale).

    Replaces any translators installed before, so it also switches the language of a running
    application. Returns the language actually in force: 'en' when `language` is English, or
    when our Chinese catalogue cannot be loaded (a half-Chinese interface helps nobody).
    """
    wanted = normalize_language(language) or system_language()
    _remove_translators(app)
    in_force = "en"
    if wanted != "en":
        ours = _load(app, f"dossier_{wanted}", translations_dir())
        if ours is not None:
            # Qt's own strings are optional: without them only the standard buttons stay English.
            qt = _load(app, f"qtbase_{wanted}",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            for translator in (qt, ours):
                if translator is not None:
                    app.installTranslator(translator)
            in_force = wanted
    app.setProperty(_LANGUAGE_PROPERTY, in_force)
    return in_force


def set_language(app: QCoreApplication, language: str, settings: QSettings | None = None) -> str:
    """Switch the running application to `language` and remember the choice for the next start.

    Open windows re-read their text (they handle `QEvent.LanguageChange`). Returns the language
    in force, as `install_translators` does.
    """
    chosen = normalize_language(language)
    if chosen is None:
        raise ValueError(f"unsupported interface language {language!r}; expected one of {LANGUAGES}")
    in_force = install_translators(app, chosen)
    settings = settings if settings is not None else QSettings()
    settings.setValue(SETTINGS_KEY, chosen)
    settings.sync()
    return in_force


class LanguageMenu(QMenu):
    """A menu offering each interface language by its own name; choosing one switches to it."""

    # Each language is named in itself, so a reader who cannot read the current one finds theirs.
    _NAMES = {"zh_CN": "中文（简体）", "en": "English"}

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setObjectName("languageMenu")
        self._settings = settings
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = self.addAction(self._NAMES[code])
            action.setCheckable(True)
            action.setData(code)
            self._group.addAction(action)
            self.language_actions[code] = action
        self._group.triggered.connect(self._chosen)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read the menu's title and mark the language in force."""
        self.setTitle(self.tr("Interface language"))
        self.language_actions[current_language()].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _chosen(self, action: QAction) -> None:
        set_language(QCoreApplication.instance(), str(action.data()), self._settings)
