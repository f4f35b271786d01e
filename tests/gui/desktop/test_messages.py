"""Engine errors reach the user as a translated sentence plus the engine's own detail."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.i18n import set_language
from desktop.messages import describe, headline
from storage.errors import AccessDenied, ConflictError, StoreUnavailable


@pytest.fixture
def chinese(qapp, tmp_path):
    from PySide6.QtCore import QSettings
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    set_language(qapp, "zh_CN", settings)
    yield
    set_language(qapp, "en", settings)


def test_store_errors_are_said_in_chinese_with_the_detail_kept(chinese):
    text = describe(AccessDenied("clerk2 is not assigned to case X."))
    first, detail = text.split("\n")
    assert first == "您无权进行此操作。如确需办理，请联系系统管理员。"
    assert detail == "clerk2 is not assigned to case X."
    assert headline(StoreUnavailable("down")).startswith("无法连接卷宗库")
    assert "他人已修改" in headline(ConflictError("stale"))


def test_english_interface_keeps_english(qapp):
    assert QCoreApplication.translate("Messages", "Something went wrong; nothing was changed.") \
        == "Something went wrong; nothing was changed."
    assert headline(ValueError("x")) == "Something went wrong; nothing was changed."
