"""The toolbar icons: every SVG draws, and the pane's tools use them without text."""
from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QToolButton

from desktop.icons import ICON_DIR, icon
from desktop.reader_pane import ReaderPane
from viewer.qt.render_service import RenderService


def _ink(image):
    return sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).alpha() > 0)


def test_every_icon_file_is_valid_svg_and_draws(qapp):
    names = sorted(p.stem for p in ICON_DIR.glob("*.svg"))
    assert {"zoom-in", "zoom-out", "fit-width", "fit-page", "rotate", "find", "go-back",
            "go-forward", "open-case"} <= set(names)
    for name in names:
        assert QSvgRenderer(QByteArray((ICON_DIR / f"{name}.svg").read_bytes())).isValid(), name
        image = icon(name).pixmap(24, 24).toImage()
        assert 20 < _ink(image) < 24 * 24 * 0.6, name   # drawn, and drawn as lines


def test_icons_take_the_palette_text_colour(qapp):
    image = icon("go-back").pixmap(24, 24).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(24) for y in range(24)
               if image.pixelColor(x, y).alpha() == 255}
    text = qapp.palette().color(QPalette.ColorRole.WindowText)
    expected = QColor("#3c4043") if text.lightness() < 40 else text
    assert colours == {expected.name()}


def test_an_unknown_icon_is_null(qapp):
    assert icon("no-such-icon").isNull()


def test_the_pane_tool_row_shows_icons_and_stays_narrow(qtbot):
    service = RenderService(synchronous=True)
    service.start()
    try:
        pane = ReaderPane(service, "left")
        qtbot.addWidget(pane)
        for action in (pane.act_back, pane.act_forward, pane.act_zoom_out, pane.act_zoom_in,
                       pane.act_fit_width, pane.act_fit_page, pane.act_rotate, pane.act_find):
            assert not action.icon().isNull(), action.text()
            assert action.toolTip()
            button = pane.tools.widgetForAction(action)
            assert isinstance(button, QToolButton) and button.text() == action.text()
            assert button.toolButtonStyle().name == "ToolButtonIconOnly"
        # Two panes and the catalog share a 1920-pixel screen: the row fits half of what is left.
        assert pane.tools.sizeHint().width() <= 560
    finally:
        service.shutdown()
