"""The annotation overlay on a real page view: where marks are painted, what is hit, layers,
the margin for notes, and a 125 % screen."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPointF

from page_view_pdfs import ROTATED_PAGE, service, volume  # noqa: F401 - fixtures
from viewer.core.annotations_export import read_existing_annotations
from viewer.qt.annotation_model import AnnotationLayerModel
from viewer.qt.annotation_overlay import AnnotationOverlay
from viewer.qt.page_layout import PageLayout
from viewer.qt.page_view import PageView

REPO = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Record:
    """What the overlay reads: the fields of the store's AnnotationInfo."""
    uid: str
    page: int
    kind: str
    geometry: tuple
    color: str = "#0000ff"
    text: str = ""
    stamp: str = ""
    author: str = "judge1"
    status: str = "open"
    link_document_id: int | None = None
    link_page: int | None = None
    parent_uid: str | None = None
    document_id: int = 1
    version: int = 1
    deleted: bool = False


def quad(x0, y0, x1, y1):
    return ((x0, y0, x1, y0, x0, y1, x1, y1),)


@pytest.fixture
def view(qtbot, service, volume):
    v = PageView(service)
    qtbot.addWidget(v)
    v.resize(900, 800)
    v.show()
    qtbot.waitExposed(v)
    assert v.set_document(volume)
    return v


@pytest.fixture
def overlay(view):
    model = AnnotationLayerModel(1)
    ov = AnnotationOverlay(view)
    ov.set_user("judge1")
    ov.set_models({view.segments[0].path: model})
    ov.model = model
    return ov


def colour_at(view, pos: QPointF):
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    return image.pixelColor(round(pos.x() * dpr), round(pos.y() * dpr))


def blue(c) -> bool:
    return c.blue() > 200 and c.red() < 200 and c.green() < 200


@pytest.mark.parametrize("page, rotation, zoom", [(0, 0, 1.0), (ROTATED_PAGE, 0, 1.5),
                                                  (ROTATED_PAGE, 90, 0.75), (0, 270, 1.25)])
def test_a_highlight_is_painted_on_its_page_spot_however_the_page_is_turned(view, overlay, page, rotation, zoom):
    view.set_rotation(rotation)
    view.set_zoom(zoom)
    overlay.model.set_annotations([Record("h", page, "highlight", quad(300, 600, 420, 640))])
    view.ensure_visible(page, (280, 580, 440, 700))
    inside = view.map_from_page(page, 360, 620)
    outside = view.map_from_page(page, 360, 680)
    assert blue(colour_at(view, inside))
    assert colour_at(view, outside).lightness() > 240
    assert [(i, r.uid) for i, r in overlay.visible_annotations()] == [(page, "h")]


def test_outlines_are_hit_on_their_line_and_faces_anywhere(view, overlay):
    view.set_rotation(90)
    overlay.model.set_annotations([Record("r", 0, "rect", (100, 300, 300, 400)),
                                   Record("n", 0, "note", (400, 100, 420, 120)),
                                   Record("a", 0, "arrow", (100, 500, 300, 600))])
    view.ensure_visible(0, (100, 100, 420, 600))
    assert overlay.annotation_at(view.map_from_page(0, 100, 350))[1].uid == "r"
    assert overlay.annotation_at(view.map_from_page(0, 200, 350)) is None     # inside the frame: text
    assert overlay.annotation_at(view.map_from_page(0, 410, 110))[1].uid == "n"
    assert overlay.annotation_at(view.map_from_page(0, 200, 550))[1].uid == "a"
    assert overlay.annotation_at(view.map_from_page(0, 200, 530)) is None


def test_handles_sit_on_the_shown_corners_of_a_turned_page(view, overlay):
    view.set_rotation(90)
    overlay.model.set_annotations([Record("r", 0, "rect", (100, 300, 300, 400))])
    overlay.select("r")
    handles = overlay.handle_rects(0, overlay.model.get("r"))
    # Turned clockwise, the page's top-left corner shows at the top right.
    assert view.map_to_page(handles["tr"].center())[1:] == pytest.approx((100, 300), abs=0.5)
    assert view.map_to_page(handles["bl"].center())[1:] == pytest.approx((300, 400), abs=0.5)


def test_mine_only_and_hidden_layers_leave_marks_unpainted(view, overlay):
    overlay.model.set_annotations([Record("m", 0, "highlight", quad(300, 600, 420, 640)),
                                   Record("t", 0, "highlight", quad(300, 700, 420, 740), author="judge2")])
    view.ensure_visible(0, (280, 580, 440, 760))
    theirs = view.map_from_page(0, 360, 720)
    assert blue(colour_at(view, theirs))
    overlay.show_mine_only()
    assert not blue(colour_at(view, theirs))
    assert [r.uid for _, r in overlay.visible_annotations()] == ["m"]
    overlay.show_all()
    overlay.set_layer_visible("judge1", False)
    assert blue(colour_at(view, theirs))
    assert [r.uid for _, r in overlay.visible_annotations()] == ["t"]
    assert overlay.authors() == ["judge1", "judge2"]


def test_resolved_marks_are_dimmed(view, overlay):
    spot = (360, 620)
    overlay.model.set_annotations([Record("h", 0, "highlight", quad(300, 600, 420, 640))])
    view.ensure_visible(0, (280, 580, 440, 700))
    open_colour = colour_at(view, view.map_from_page(0, *spot))
    overlay.model.upsert(replace(overlay.model.get("h"), status="resolved", version=2))
    resolved = colour_at(view, view.map_from_page(0, *spot))
    assert resolved.lightness() > open_colour.lightness() + 30


def test_the_model_ignores_late_notices_and_drops_deleted_marks(overlay):
    model = overlay.model
    model.set_annotations([Record("h", 0, "highlight", quad(1, 1, 2, 2), version=3)])
    model.upsert(Record("h", 0, "highlight", quad(1, 1, 2, 2), color="#ff0000", version=2))
    assert model.get("h").color == "#0000ff"
    overlay.select("h")
    model.upsert(replace(model.get("h"), deleted=True, version=4))
    assert "h" not in model and overlay.selected_uid == ""


def test_the_right_margin_leaves_room_beside_the_pages(view, overlay):
    view.set_fit_mode("width")
    width = view.page_rect_in_viewport(0).width()
    overlay.model.set_annotations([Record("n", 0, "note", (400, 100, 420, 120), text="金额存疑，需核对")])
    overlay.set_margin_notes(True)
    page = view.page_rect_in_viewport(0)
    assert page.width() < width                      # fit width now fits beside the margin
    assert view.viewport().width() - page.right() >= view.right_margin
    view.viewport().repaint()
    ((box, uid),) = overlay.margin_boxes(0)
    assert uid == "n" and box.left() > page.right() and box.right() <= view.viewport().width()
    assert overlay.annotation_at(box.center())[1].uid == "n"
    overlay.set_margin_notes(False)
    assert view.page_rect_in_viewport(0).width() == pytest.approx(width)
    # The layout itself: pages centre in what the margin leaves.
    layout = PageLayout([(100, 100)], 1.0, viewport_width=500, margin=10, right_margin=200)
    assert layout.box(0).x == pytest.approx(100) and layout.content_width == 500


def test_annotations_inside_the_pdf_are_listed_but_not_painted_again(qtbot, service, tmp_path):
    path = tmp_path / "marked.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "marked text", fontsize=14)
    page.add_highlight_annot(pymupdf.Rect(70, 88, 160, 104))
    doc.save(path)
    doc.close()
    view = PageView(service)
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    view.set_document(path)
    model = AnnotationLayerModel(1)
    model.set_existing(read_existing_annotations(path))
    overlay = AnnotationOverlay(view)
    overlay.set_models({str(path): model})
    view.viewport().repaint()
    assert [a.kind for a in model.existing] == ["highlight"]
    assert overlay.visible_annotations() == [] and len(model) == 0


DPR_SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    sys.path.insert(0, sys.argv[2])
    from page_view_pdfs import make_small
    from pathlib import Path
    from viewer.qt.annotation_model import AnnotationLayerModel
    from viewer.qt.annotation_overlay import AnnotationOverlay
    from viewer.qt.page_view import PageView
    from viewer.qt.render_service import RenderService
    path = str(make_small(Path(sys.argv[1]), 2, "scale"))
    service = RenderService(synchronous=True)
    service.start()
    view = PageView(service)
    view.setGeometry(2100, 100, 700, 800)
    view.show()
    view.set_document(path)
    view.set_zoom(1.0)
    for _ in range(5):
        app.processEvents()

    class R:
        uid, page, kind, color, text, stamp, author, status = "r", 0, "rect", "#0000ff", "", "", "me", "open"
        geometry, parent_uid, link_page = (200.0, 300.0, 400.0, 500.0), None, None

    model = AnnotationLayerModel(1)
    model.set_annotations([R()])
    overlay = AnnotationOverlay(view)
    overlay.set_models({path: model})
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()

    def ink(x, y):
        p = view.map_from_page(0, x, y)
        c = image.pixelColor(round(p.x() * dpr), round(p.y() * dpr))
        return c.blue() > 150 and c.red() < 150

    print(json.dumps({"dpr": view.devicePixelRatioF(), "image_dpr": dpr,
                      "edges": [ink(200, 400), ink(400, 400), ink(300, 300), ink(300, 500)],
                      "off": [ink(205, 400), ink(300, 400), ink(300, 494)]}))
    service.shutdown()
""")


def test_marks_stay_on_their_spot_on_a_125_percent_screen(tmp_path):
    script = tmp_path / "dpr.py"
    script.write_text(DPR_SCRIPT)
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(tmp_path / "screens.json")
    env["QT_SCREEN_SCALE_FACTORS"] = "Left=1;Right=1.25"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    (tmp_path / "screens.json").write_text(json.dumps({"screens": [
        {"name": "Left", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1},
        {"name": "Right", "x": 1920, "y": 0, "width": 2560, "height": 1440, "logicalDpi": 96,
         "dpr": 1}]}))
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "scale.pdf"),
                             str(Path(__file__).parent)], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["dpr"] == 1.25 and out["image_dpr"] == 1.25
    assert out["edges"] == [True, True, True, True]      # all four sides on their points
    assert out["off"] == [False, False, False]            # and nothing a few points inside
