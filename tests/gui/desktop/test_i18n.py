"""The interface in Simplified Chinese and English: real widgets, Qt's own strings, switching at
run time, the saved choice and `--lang`, and a translation catalogue that keeps up with the code."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from desktop.app import _parser
from desktop.catalog import CatalogView, CatalogWidget
from desktop.i18n import (SETTINGS_KEY, LanguageMenu, current_language, install_translators,
                          normalize_language, set_language, startup_language, translations_dir)
from desktop.main_window import MainWindow
from desktop.reader_pane import ReaderPane
from viewer.qt.render_service import RenderService
from desk import make_pdf, judge_store

ROOT = Path(__file__).resolve().parents[3]
CASE = "（2024）陕0823执55号"


def _load_update_script():
    spec = importlib.util.spec_from_file_location(
        "translations_update", ROOT / "resources" / "translations" / "update.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update = _load_update_script()


@pytest.fixture
def english(qapp):
    """Start in English and leave the session's application in English, whatever the test did."""
    install_translators(qapp, "en")
    yield qapp
    install_translators(qapp, "en")


@pytest.fixture
def chinese(english):
    assert install_translators(english, "zh_CN") == "zh_CN"
    return english


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def service():
    svc = RenderService(synchronous=True)
    svc.start()
    yield svc
    svc.shutdown()


def _cancel(box: QDialogButtonBox) -> str:
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


# -- widgets in Chinese, and back ------------------------------------------------------------------
def test_reader_pane_tool_row_is_chinese_and_switches_back_to_english(qtbot, chinese, service):
    pane = ReaderPane(service, "left")
    qtbot.addWidget(pane)
    assert pane.act_find.text() == "查找"
    assert pane.act_rotate.text() == "旋转"
    assert pane.zoom_box.itemText(pane.zoom_box.findData("width")) == "适合宽度"
    assert pane.zoom_box.itemText(pane.zoom_box.findData("page")) == "适合页面"
    assert pane.side.tabText(1) == "书签"
    assert pane.find_bar.edit.placeholderText() == "在文档中查找"

    assert install_translators(chinese, "en") == "en"
    qtbot.waitUntil(lambda: pane.act_find.text() == "Find")
    assert pane.act_rotate.text() == "Rotate"
    assert pane.zoom_box.itemText(pane.zoom_box.findData("width")) == "Fit width"
    assert pane.side.tabText(1) == "Outline"
    assert pane.find_bar.edit.placeholderText() == "Find in document"
    # Renaming the combo's items must not leave an item's name in its zoom field.
    assert pane.zoom_box.lineEdit().text().endswith("%")


def test_catalog_groupings_are_chinese_and_follow_a_switch(qtbot, english):
    catalog = CatalogWidget()
    qtbot.addWidget(catalog)
    assert catalog.view_combo.itemText(0) == "By volume"

    install_translators(english, "zh_CN")
    qtbot.waitUntil(lambda: catalog.view_combo.itemText(0) == "按卷")
    assert catalog.view_combo.itemText(catalog.view_combo.findData(CatalogView.PARTY.value)) == "按当事人"
    assert catalog.case_label.text() == "未打开案件"
    # The grouping the reader chose survives the switch.
    catalog.set_view(CatalogView.DATE)
    install_translators(english, "en")
    qtbot.waitUntil(lambda: catalog.view_combo.itemText(0) == "By volume")
    assert catalog.current_view() is CatalogView.DATE


def test_qt_standard_buttons_come_from_qtbase_translations(qtbot, english):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert _cancel(box) == "Cancel"
    install_translators(english, "zh_CN")
    qtbot.waitUntil(lambda: _cancel(box) == "取消")
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
    install_translators(english, "en")
    qtbot.waitUntil(lambda: _cancel(box) == "Cancel")


@pytest.fixture
def store(tmp_path):
    st, admin = judge_store(tmp_path)
    admin.create_case(CASE, cause="民间借贷纠纷")
    admin.assign(CASE, "judge1", "judge")
    admin.import_files(CASE, [make_pdf(tmp_path / "判决书.pdf", 3)], volume="正卷", doc_type="文书")
    yield st
    st.close()


def test_main_window_menus_toolbar_and_status_follow_the_language(qtbot, chinese, store, service):
    window = MainWindow(store.as_user("judge1"), service)
    qtbot.addWidget(window)
    assert window.catalog_dock.windowTitle() == "阅卷目录"
    assert window.settings_menu.title() == "设置"
    assert window.case_caption.text() == "案件："
    assert window.store_label.text() == "已连接：本机档案库 · 王法官"
    assert window.catalog.view_combo.itemText(0) == "按卷"
    doc_id = next(iter(window.documents))
    window.open_document(doc_id, "left")
    qtbot.waitUntil(lambda: window.page_label.text() == "第 1 页 / 共 3 页")

    install_translators(chinese, "en")
    qtbot.waitUntil(lambda: window.catalog_dock.windowTitle() == "Dossier catalog")
    assert window.settings_menu.title() == "Settings"
    assert window.case_caption.text() == "Case: "
    assert window.store_label.text() == "Connected: embedded store · 王法官"
    assert window.page_label.text() == "Page 1 / 3"
    assert window.windowTitle() == f"{CASE} — Dossier Desk"
    assert window.panes["left"].page_total.text() == " / 3"


# -- choosing the language ---------------------------------------------------------------------
def test_set_language_switches_and_remembers_the_choice(qtbot, english, settings):
    assert settings.value(SETTINGS_KEY) is None
    assert set_language(english, "zh_CN", settings) == "zh_CN"
    assert current_language(english) == "zh_CN"
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value(SETTINGS_KEY) == "zh_CN"
    assert startup_language(None, settings) == "zh_CN"
    # Switching again replaces the translators rather than stacking them.
    set_language(english, "zh_CN", settings)
    assert len(english.findChildren(QTranslator, "dossierTranslator")) == 2
    assert set_language(english, "en", settings) == "en"
    assert english.findChildren(QTranslator, "dossierTranslator") == []
    assert settings.value(SETTINGS_KEY) == "en"
    with pytest.raises(ValueError):
        set_language(english, "fr", settings)


def test_language_menu_switches_the_running_application(qtbot, english, settings, service):
    pane = ReaderPane(service, "left")
    qtbot.addWidget(pane)
    menu = LanguageMenu(settings=settings)
    qtbot.addWidget(menu)
    assert menu.language_actions["en"].isChecked()
    menu.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: pane.act_find.text() == "查找")
    assert menu.title() == "界面语言"
    assert menu.language_actions["zh_CN"].isChecked()
    assert settings.value(SETTINGS_KEY) == "zh_CN"
    menu.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: pane.act_find.text() == "Find")
    assert menu.title() == "Interface language"


def test_lang_option_comes_before_the_saved_choice(settings):
    assert _parser().parse_args(["--lang", "zh_CN"]).lang == "zh_CN"
    assert _parser().parse_args([]).lang is None
    with pytest.raises(SystemExit):
        _parser().parse_args(["--lang", "de"])
    assert startup_language(None, settings) is None          # nothing chosen: the system decides
    settings.setValue(SETTINGS_KEY, "zh_CN")
    assert startup_language(None, settings) == "zh_CN"
    assert startup_language("en", settings) == "en"
    settings.setValue(SETTINGS_KEY, "tlh")                     # a value no build offers: ignored
    assert startup_language(None, settings) is None


@pytest.mark.parametrize("value, expected", [
    ("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_TW", "zh_CN"), ("zh", "zh_CN"),
    ("en", "en"), ("en_US", "en"), ("fr_FR", None), ("", None), (None, None), (3, None)])
def test_normalize_language(value, expected):
    assert normalize_language(value) == expected


_SYSTEM_PROBE = """
from PySide6.QtWidgets import QApplication
from desktop.i18n import install_translators
app = QApplication([])
print(install_translators(app, None), app.translate("ReaderPane", "Find"))
"""


@pytest.mark.parametrize("locale, expected", [("zh_CN.UTF-8", "zh_CN 查找"), ("en_US.UTF-8", "en Find")])
def test_no_choice_follows_the_system_locale(locale, expected):
    # The system locale is read once per process: each locale gets a process of its own.
    env = {**os.environ, "LC_ALL": locale, "LANG": locale, "LANGUAGE": "", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _SYSTEM_PROBE], env=env, cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected


# -- the catalogue keeps up with the code ------------------------------------------------------
TS = update.ts_path("zh_CN")
QM = update.qm_path("zh_CN")


def test_the_catalogue_ships_where_the_application_looks():
    assert TS.parent == translations_dir() and TS.is_file() and QM.is_file()


def test_every_message_is_translated():
    entries = update.messages(TS)
    assert entries, "the .ts holds no messages"
    raw = TS.read_text(encoding="utf-8")
    for kind in ("unfinished", "obsolete", "vanished"):
        assert f'type="{kind}"' not in raw, f"{TS.name} has {kind} messages"
    assert update.untranslated(TS) == []


def test_the_catalogue_holds_exactly_the_messages_in_the_code():
    """Fails when a string is added to the code (or changed, or removed) and the .ts not updated:
    run `python resources/translations/update.py` and translate what it lists."""
    missing, gone = update.stale_messages("zh_CN")
    assert not missing, f"not in {TS.name}: {sorted(missing)}"
    assert not gone, f"no longer in the code: {sorted(gone)}"


_PLACEHOLDER = re.compile(r"%\d|\{[a-z_]+")


def test_translations_keep_their_placeholders():
    # A lost "%1" drops the page number; a renamed "{pages}" makes str.format raise.
    broken = [(context, source, text) for (context, source), (text, _kind) in update.messages(TS).items()
              if sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(source))]
    assert broken == []


def test_the_built_catalogue_matches_its_source(qapp):
    """The .qm in the tree says what the .ts says: rebuild it with update.py after editing the .ts."""
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [(context, source) for (context, source), (text, _kind) in update.messages(TS).items()
             if translator.translate(context, source) != text]
    assert stale == [], f"{QM.name} is older than {TS.name} for {stale}"
