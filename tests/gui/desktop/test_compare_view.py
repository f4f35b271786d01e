"""The comparison window on real PDFs and a real embedded store."""
from __future__ import annotations

import copy

import pymupdf
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMenu

from desktop.compare_view import CompareView, Side, show_comparison
from desktop.main_window import MainWindow
from storage.store import Store
from unit.viewer.compare_pdfs import (AMOUNT_LINE, PARAGRAPH, base_pages, page_image, scanned,
                                      write_pdf, write_scans)
from viewer.qt.render_service import RenderService

CASE = "（2024）陕0823执88号"


@pytest.fixture
def service(qapp):
    svc = RenderService(synchronous=True)
    svc.start()
    yield svc
    svc.shutdown()


@pytest.fixture
def versions(tmp_path):
    a = base_pages()
    b = copy.deepcopy(a)
    b[0] = [line for line in b[0] if line not in PARAGRAPH]
    b[2][b[2].index(AMOUNT_LINE)] = AMOUNT_LINE.replace("50,000", "56,000")
    b.insert(2, ["补充材料：被执行人财产状况报告"])
    return write_pdf(tmp_path / "判决书.pdf", a), write_pdf(tmp_path / "判决书（修改稿）.pdf", b)


@pytest.fixture
def view(qtbot, service):
    v = CompareView(service, ocr_enabled=False)
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def compared(qtbot, view, path_a, path_b, mode="text"):
    with qtbot.waitSignal(view.comparisonFinished):
        assert view.compare(Side(path_a, "A"), Side(path_b, "B"), mode)
    return view.comparison


def marked(view: CompareView, which: int, index: int, rect) -> QColor:
    """The colour painted at the middle of ``rect`` (page coordinates) of page ``index``."""
    pv = view.views[which]
    image = pv.viewport().grab().toImage()
    area = pv.map_rect_from_page(index, rect)
    return image.pixelColor(area.center().toPoint())


def test_differences_are_listed_and_marked_on_both_pages(qtbot, view, versions):
    result = compared(qtbot, view, *versions)
    assert view.list.count() == len(result.differences) == 3
    assert "50,000 → 56,000" in view.list.item(2).text()
    view.list.setCurrentRow(2)
    amount = result.differences[2]
    assert view.views[0].current_page == 2 and view.views[1].current_page == 3
    qtbot.waitUntil(lambda: marked(view, 0, 2, amount.rects_a[0]).red() > marked(view, 0, 2, amount.rects_a[0]).blue() + 40)
    qtbot.waitUntil(lambda: marked(view, 1, 3, amount.rects_b[0]).red() > marked(view, 1, 3, amount.rects_b[0]).blue() + 40)
    assert "3" in view.summary.text()


def test_identical_documents_say_so(qtbot, view, versions):
    compared(qtbot, view, versions[0], versions[0])
    assert view.list.count() == 0
    assert view.summary.text() == "No differences found."


def test_scrolling_one_side_follows_the_alignment_on_the_other(qtbot, view, versions):
    compared(qtbot, view, *versions)
    view.views[0].scroll_to(3)  # A's page 4 is B's page 5: B has a page inserted before it
    qtbot.waitUntil(lambda: view.views[1].current_page == 4)
    view.views[1].scroll_to(1)
    qtbot.waitUntil(lambda: view.views[0].current_page == 1)


def test_switching_to_visual_mode_compares_the_images(qtbot, view, versions):
    compared(qtbot, view, *versions)
    with qtbot.waitSignal(view.comparisonFinished):
        view.set_mode("visual")
    assert view.comparison.mode == "visual"
    assert {d.scope for d in view.comparison.differences} == {"visual", "page"}


def test_without_ocr_pages_without_text_offer_visual_mode(qtbot, view, tmp_path):
    lines = base_pages(1)[0]
    a = write_scans(tmp_path / "a.pdf", [scanned(page_image(lines, "人民法院"), 1)])
    b = write_scans(tmp_path / "b.pdf", [scanned(page_image(lines, "公证机构"), 2, shift=(3, 2))])
    compared(qtbot, view, a, b, mode="text")
    assert view.banner.isVisible() and "Tesseract" in view.banner_text.text()
    with qtbot.waitSignal(view.comparisonFinished):
        view.visual_button.click()
    assert not view.banner.isVisible()
    (seal,) = view.comparison.differences
    assert seal.scope == "visual"


def coloured(image: QImage) -> tuple[int, int]:
    """(reddish, cyan-ish) pixel counts of an overlay picture."""
    red = cyan = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.red() > 180 and c.green() < 120 and c.blue() < 120:
                red += 1
            elif c.red() < 120 and c.green() > 180 and c.blue() > 180:
                cyan += 1
    return red, cyan


def test_overlay_colours_what_only_one_side_has(qtbot, view, versions):
    compared(qtbot, view, *versions)
    view.list.setCurrentRow(2)  # the amount: "0" on A, "6" on B
    red, cyan = coloured(view.overlay_image())
    assert red > 0 and cyan > 0
    view.list.setCurrentRow(-1)
    view.current = -1
    view.views[0].scroll_to(1)  # an unchanged pair of pages
    assert coloured(view.overlay_image()) == (0, 0)
    view.view_box.setCurrentIndex(view.VIEWS.index("overlay"))
    assert view.picture.isVisible() and not view.views[0].isVisible()


def test_blink_alternates_the_two_pages(qtbot, view, versions):
    compared(qtbot, view, *versions)
    view.list.setCurrentRow(2)
    view.view_box.setCurrentIndex(view.VIEWS.index("blink"))
    first = view.blink_side
    qtbot.waitUntil(lambda: view.blink_side != first, timeout=3000)
    qtbot.waitUntil(lambda: view.blink_side == first, timeout=3000)
    view.view_box.setCurrentIndex(view.VIEWS.index("side"))
    assert not view.blink_timer.isActive()


def test_report_is_written(qtbot, view, versions, tmp_path):
    compared(qtbot, view, *versions)
    out = tmp_path / "report.pdf"
    assert view.export_report(str(out))
    with pymupdf.open(out) as report:
        assert "50,000" in "".join(p.get_text() for p in report)


@pytest.fixture
def window(qtbot, tmp_path, versions, service):
    st = Store.initialize("sqlite:///" + (tmp_path / "a.sqlite3").as_posix(), cache_dir=tmp_path / "cache")
    st.bootstrap_admin("admin", "")
    admin = st.as_user("admin")
    admin.add_user("judge1", "judge", "pw")
    admin.create_case(CASE)
    admin.assign(CASE, "judge1", "judge")
    admin.import_files(CASE, list(versions), volume="正卷")
    w = MainWindow(st.as_user("judge1"), service)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    st.close()


def test_the_case_menu_compares_catalog_documents_and_files_the_report(qtbot, window, tmp_path):
    menu = window.menuBar().findChild(QMenu, "caseMenu")
    assert "Compare documents…" in [a.text() for a in menu.actions()]
    docs = sorted(window.documents.values(), key=lambda d: d.title)
    # A window of its own, child of the main window (closed and deleted with it).
    view = show_comparison(window, docs[0], None, docs[1], None, "text")
    assert view.comparison is not None and len(view.comparison.differences) == 3
    assert view.export_report(str(tmp_path / "out.pdf"), file_into_case=True)
    titles = [d.title for d in window.session.documents(CASE)]
    assert any(t.startswith("Comparison") for t in titles)
    view.close()
