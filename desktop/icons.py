"""Toolbar icons: the monochrome SVGs in resources/icons, drawn in the palette's text colour."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
# Pixel sizes rendered up front: toolbar sizes at 1x, 1.25x, 1.5x and 2x screens.
_SIZES = (16, 20, 24, 30, 32, 36, 40, 48, 64)


def icon_path(name: str) -> Path:
    """The SVG file of icon ``name`` (without extension)."""
    return ICON_DIR / f"{name}.svg"


def _text_colour() -> QColor:
    app = QApplication.instance()
    if app is None:
        return QColor("#3c4043")
    colour = app.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    # Pure black strokes look heavier than the surrounding text; soften them a little.
    return QColor("#3c4043") if colour.lightness() < 40 else colour


@lru_cache(maxsize=None)
def _icon(name: str, colour: str) -> QIcon:
    svg = icon_path(name).read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    if not renderer.isValid():
        return result
    for size in _SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(QPixmap.fromImage(image))
    return result


def icon(name: str) -> QIcon:
    """The icon ``name`` (e.g. "zoom-in") as a QIcon; a null icon if there is no such file."""
    if not icon_path(name).is_file():
        return QIcon()
    return _icon(name, _text_colour().name())


def app_icon() -> QIcon:
    """The application's own icon (window title bars, the task bar)."""
    return QIcon(str(icon_path("app").with_suffix(".png")))
