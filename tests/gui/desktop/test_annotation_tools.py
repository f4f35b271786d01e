"""Annotating with the mouse in the workstation, on a real embedded store and real PDFs."""
from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.annotation_dialogs import ConflictDialog
from storage.store import Store
from viewer.core.document import PdfDocument
from desk import judge_store, make_pdf, open_window

CASE = "（2024）陕0823执77号"
LINE = "The quick brown fox jumps"
ROTATED = 1


def make_judgment(path):
    """Three A4 pages: text on page 0, page 1 turned by /Rotate 90, page 2 plain."""
    doc = pymupdf.open()
    for i in range(3):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 100), LINE, fontsize=14)
        page.insert_text((72, 140), f"判决书 第{i + 1}页", fontname="china-s", fontsize=14)
    doc[ROTATED].set_rotation(90)
    doc.save(path)
    return str(path)


@pytest.fixture
def store(tmp_path):
    url = "sqlite:///" + (tmp_path / "a.sqlite3").as_posix()
    st, admin = judge_store(tmp_path, url)
    admin.add_user("judge2", "judge", "pw", "李法官")
    admin.create_case(CASE, cause="民间借贷纠纷")
    admin.assign(CASE, "judge1", "judge")
    admin.assign(CASE, "judge2", "judge")
    admin.import_files(CASE, [make_judgment(tmp_path / "判决书.pdf"),
                              make_pdf(tmp_path / "申请书.pdf", 4, "执行申请书")], volume="正卷")
    st.url = url
    yield st
    st.close()


@pytest.fixture
def window(qtbot, store):
    with open_window(qtbot, store.as_user("judge1"), (1500, 950)) as w:
        yield w


def doc_id(window, title):
    return next(d.id for d in window.documents.values() if d.title == title)


@pytest.fixture
def tools(window):
    """The left pane's tools on the judgment at 100 %, prompts answered without dialogs."""
    window.open_document(doc_id(window, "判决书"), "left")
    tools = window.annotation_tools["left"]
    tools.view.set_zoom(1.0)
    tools.ask_text = lambda title, prompt, text="": "请核对金额"
    tools.ask_stamp = lambda labels, last: "存疑"
    tools.ask_link_target = lambda documents, current: (doc_id(window, "申请书"), 2)
    return tools


def point(view, index, x, y) -> QPoint:
    return view.map_from_page(index, x, y).toPoint()


def drag(view, index, path, steps=6):
    """Press at the first page point, move through the others (in ``steps`` each), release."""
    vp = view.viewport()
    first = point(view, index, *path[0])
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    last = first
    for target in path[1:]:
        end = point(view, index, *target)
        for k in range(1, steps + 1):
            QTest.mouseMove(vp, last + (end - last) * k / steps)
        last = end
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)


def click(view, index, x, y):
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     point(view, index, x, y))


def stored(tools):
    return {a.kind: a for a in tools.session.annotations(next(iter(tools.documents().values())))}


def flat(geometry):
    if isinstance(geometry, (list, tuple)):
        return [v for g in geometry for v in flat(g)]
    return [geometry]


def show(view, index, rect):
    view.ensure_visible(index, rect)
    QApplication.processEvents()


@pytest.mark.parametrize("index, zoom, rotation", [(0, 1.0, 0), (ROTATED, 1.5, 0), (2, 1.5, 90),
                                                   (ROTATED, 1.25, 270)])
def test_every_kind_drawn_with_the_mouse_is_stored_in_page_coordinates(tools, index, zoom, rotation):
    view = tools.view
    view.set_rotation(rotation)
    view.set_zoom(zoom)
    box = (120.0, 200.0, 260.0, 300.0)
    expected = {}
    for kind in ("rect", "ellipse", "freetext", "stamp", "link"):
        show(view, index, box)
        tools.set_tool(kind)
        drag(view, index, [box[:2], box[2:]])
        expected[kind] = box
    show(view, index, box)
    tools.set_tool("arrow")
    drag(view, index, [(130.0, 210.0), (250.0, 290.0)])
    expected["arrow"] = (130.0, 210.0, 250.0, 290.0)
    show(view, index, box)
    tools.set_tool("ink")
    strokes = [(125.0, 220.0), (180.0, 260.0), (240.0, 230.0)]
    drag(view, index, strokes, steps=1)
    show(view, index, box)
    tools.set_tool("note")
    click(view, index, 300.0, 400.0)
    expected["note"] = (290.0, 390.0, 310.0, 410.0)

    got = stored(tools)
    assert set(got) == set(expected) | {"ink"}
    for kind, geometry in expected.items():
        assert got[kind].page == index, kind
        assert flat(got[kind].geometry) == pytest.approx(list(geometry), abs=1.0), kind
    ink = flat(got["ink"].geometry)
    assert ink[:2] == pytest.approx(strokes[0], abs=1.0) and ink[-2:] == pytest.approx(strokes[-1], abs=1.0)
    assert any(abs(x - 180) <= 1 and abs(y - 260) <= 1 for x, y in zip(ink[0::2], ink[1::2]))
    assert got["note"].text == got["freetext"].text == "请核对金额"
    assert got["stamp"].stamp == "存疑"
    assert (got["link"].link_page, got["link"].link_document_id) == (2, doc_id(tools.pane.window(), "申请书"))
    # The overlay paints each of them where it was drawn.
    view.viewport().repaint()
    painted = {r.kind for i, r in tools.overlay.visible_annotations() if i == index}
    assert painted == set(got)


def test_a_highlight_from_a_text_selection_snaps_to_the_words(tools):
    view = tools.view
    doc = PdfDocument.open(view.segments[0].path)
    words = {w.text: w for w in doc.words(0)}
    doc.close()
    quick, brown = words["quick"], words["brown"]
    tools.set_tool("highlight")
    # From inside "quick" to inside "brown": the mark covers whole characters, not the pointer path.
    drag(view, 0, [(quick.x0 + 1, (quick.y0 + quick.y1) / 2), (brown.x1 - 1, (brown.y0 + brown.y1) / 2)])
    mark = stored(tools)["highlight"]
    (quad,) = mark.geometry
    ul, ur, ll, lr = quad[0:2], quad[2:4], quad[4:6], quad[6:8]
    # The pointer went 1 pt inside each end word; the mark has the characters' own edges.
    assert ul[0] == pytest.approx(quick.x0, abs=0.2) and ur[0] == pytest.approx(brown.x1, abs=0.2)
    assert ul[1] == pytest.approx(quick.y0, abs=1.0) and ll[1] == pytest.approx(quick.y1, abs=1.0)
    assert lr[0] == ur[0] and ll[0] == ul[0]
    assert view.selected_text == ""        # the selection became the mark
    # A selection made first, then the tool chosen, is marked at once.
    view.select_between((0, quick.x0, (quick.y0 + quick.y1) / 2), (0, quick.x1, (quick.y0 + quick.y1) / 2))
    tools.set_tool("underline")
    line = stored(tools)["underline"]
    assert flat(line.geometry)[0] == pytest.approx(quick.x0, abs=0.5)
    assert flat(line.geometry)[2] == pytest.approx(quick.x1, abs=0.5)


def test_moving_by_drag_is_one_undo_step_and_undo_redo_go_through_the_store(tools):
    view = tools.view
    tools.set_tool("rect")
    drag(view, 0, [(100.0, 200.0), (200.0, 260.0)])
    original = stored(tools)["rect"]
    steps = tools.undo_stack.count()
    tools.set_tool("select")
    # Grab the left edge (off its handles), drag 40 points right and 30 down over many moves.
    drag(view, 0, [(100.0, 215.0), (120.0, 225.0), (140.0, 245.0)], steps=10)
    moved = stored(tools)["rect"]
    assert tools.undo_stack.count() == steps + 1
    shift = [a - b for a, b in zip(flat(moved.geometry), flat(original.geometry))]
    assert shift == pytest.approx([40, 30, 40, 30], abs=1.0)
    assert shift[0] == pytest.approx(shift[2]) and shift[1] == pytest.approx(shift[3])   # moved, not resized
    assert moved.version == original.version + 1
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert flat(stored(tools)["rect"].geometry) == pytest.approx(flat(original.geometry))
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert flat(stored(tools)["rect"].geometry) == pytest.approx(flat(moved.geometry))
    # The model the overlay paints follows the store.
    (record,) = tools.model(moved.document_id).annotations()
    assert flat(record.geometry) == pytest.approx(flat(stored(tools)["rect"].geometry))


def test_resizing_by_a_corner_handle_keeps_the_opposite_corner(tools):
    view = tools.view
    view.set_rotation(90)
    tools.set_tool("rect")
    show(view, 0, (100, 200, 260, 320))
    drag(view, 0, [(100.0, 200.0), (200.0, 260.0)])
    record = stored(tools)["rect"]
    tools.set_tool("select")
    tools.overlay.select(record.uid)
    handles = tools.overlay.handle_rects(0, tools.model(record.document_id).get(record.uid))
    # Under a 90° view the page's (x1, y1) corner is shown bottom-left.
    start = handles["bl"].center()
    assert tools.view.map_to_page(start)[1:] == pytest.approx((200, 260), abs=1.0)
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start.toPoint())
    target = point(view, 0, 250.0, 300.0)
    for k in range(1, 6):
        QTest.mouseMove(vp, start.toPoint() + (target - start.toPoint()) * k / 5)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert flat(stored(tools)["rect"].geometry) == pytest.approx([100, 200, 250, 300], abs=1.0)


def test_delete_key_deletes_and_undo_brings_it_back(tools):
    view = tools.view
    tools.set_tool("ellipse")
    drag(view, 0, [(100.0, 300.0), (220.0, 380.0)])
    made = stored(tools)["ellipse"]
    tools.set_tool("select")
    click(view, 0, 100.0, 340.0)              # on the outline
    assert tools.overlay.selected_uid == made.uid
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "ellipse" not in stored(tools)
    assert tools.overlay.selected() is None and not tools.model(made.document_id).annotations()
    tools.undo_stack.undo()
    back = stored(tools)["ellipse"]
    assert flat(back.geometry) == pytest.approx(flat(made.geometry)) and back.color == made.color
    # Redo deletes the restored one, undo again restores it once more.
    tools.undo_stack.redo()
    assert "ellipse" not in stored(tools)
    tools.undo_stack.undo()
    assert "ellipse" in stored(tools) and len(tools.model(made.document_id)) == 1


def test_status_and_colour_changes_are_undoable(tools):
    view = tools.view
    tools.set_tool("note")
    click(view, 0, 400.0, 300.0)
    note = stored(tools)["note"]
    record = tools.model(note.document_id).get(note.uid)
    assert tools.set_status(record, "resolved")
    assert stored(tools)["note"].status == "resolved"
    assert tools.change(tools.model(note.document_id).get(note.uid), {"color": "#43a047"})
    assert stored(tools)["note"].color == "#43a047"
    tools.undo_stack.undo()
    tools.undo_stack.undo()
    assert (stored(tools)["note"].status, stored(tools)["note"].color) == ("open", note.color)


def test_mine_only_hides_other_authors_from_the_painting(qtbot, tools, store):
    view = tools.view
    document = next(iter(tools.documents().values()))
    theirs = store.as_user("judge2").add_annotation(
        document, kind="highlight", page=0, geometry=[[300, 500, 500, 500, 300, 540, 500, 540]],
        color="#00c000")
    tools.set_tool("rect")
    drag(view, 0, [(100.0, 500.0), (200.0, 560.0)])
    tools.reload()
    view.viewport().repaint()
    authors = {r.author for _, r in tools.overlay.visible_annotations()}
    assert authors == {"judge1", "judge2"}
    spot = view.map_from_page(0, 400, 520)

    def green_at(p):
        c = view.viewport().grab().toImage().pixelColor(round(p.x() * view.devicePixelRatioF()),
                                                        round(p.y() * view.devicePixelRatioF()))
        return c.green() > c.red() + 40

    assert green_at(spot)
    tools.overlay.show_mine_only()
    view.viewport().repaint()
    assert {r.author for _, r in tools.overlay.visible_annotations()} == {"judge1"}
    assert not green_at(spot)
    # Their mark is still listed in the model, just not painted; and cannot be picked.
    assert theirs.uid in tools.model(document)
    assert tools.overlay.annotation_at(spot) is None
    tools.overlay.set_layer_visible("judge2", True)
    view.viewport().repaint()
    assert green_at(spot)
    tools.overlay.set_layer_visible("judge1", False)
    view.viewport().repaint()
    assert {r.author for _, r in tools.overlay.visible_annotations()} == {"judge2"}


def _answer_conflict(choice: str, seen: list):
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.text())
        {"mine": dialog.mine_button, "theirs": dialog.theirs_button,
         "cancel": dialog.cancel_button}[choice].click()
    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_change_made_at_another_desk_raises_the_conflict_dialog(tools, store, tmp_path, choice):
    view = tools.view
    tools.set_tool("rect")
    drag(view, 0, [(100.0, 200.0), (200.0, 260.0)])
    mine = stored(tools)["rect"]
    moved = [v + (50 if i % 2 == 0 else 0) for i, v in enumerate(flat(mine.geometry))]
    other_desk = Store(store.url, cache_dir=tmp_path / "cache2")
    try:
        theirs = other_desk.as_user("judge1").update_annotation(mine.uid, mine.version, color="#1e88e5")
    finally:
        other_desk.close()
    tools.set_tool("select")
    seen: list[str] = []
    _answer_conflict(choice, seen)
    drag(view, 0, [(100.0, 215.0), (150.0, 215.0)])
    assert seen and "judge1" in seen[0]
    now = stored(tools)["rect"]
    if choice == "mine":
        # My move applied on top of their version: their colour stays, my position wins.
        assert now.version == theirs.version + 1
        assert now.color == "#1e88e5"
        assert flat(now.geometry) == pytest.approx(moved, abs=1.0)
        assert tools.undo_stack.canUndo()
    else:
        assert now.version == theirs.version and now.geometry == mine.geometry
        # The overlay shows their version, not the dragged one.
        assert tools.model(now.document_id).get(now.uid).color == "#1e88e5"


def test_undo_over_a_change_from_another_desk_asks_first(tools, store, tmp_path):
    view = tools.view
    tools.set_tool("rect")
    drag(view, 0, [(100.0, 200.0), (200.0, 260.0)])
    made = stored(tools)["rect"]
    other_desk = Store(store.url, cache_dir=tmp_path / "cache2")
    try:
        other_desk.as_user("judge1").update_annotation(made.uid, made.version, text="另一台电脑的批注")
    finally:
        other_desk.close()
    seen: list[str] = []
    _answer_conflict("theirs", seen)
    tools.undo_stack.undo()
    assert seen
    assert stored(tools)["rect"].text == "另一台电脑的批注"     # nothing deleted behind their back
    assert tools.undo_stack.count() == 0                     # the refused step left the history


def test_a_cross_reference_opens_its_target_in_the_other_pane(tools):
    window = tools.pane.window()
    view = tools.view
    tools.set_tool("link")
    drag(view, 0, [(72.0, 600.0), (260.0, 630.0)])
    tools.set_tool("select")
    click(view, 0, 150.0, 615.0)
    right = window.panes["right"]
    assert right.title == "申请书" and right.view.current_page == 2


def test_notes_read_in_the_margin_beside_the_page(tools):
    view = tools.view
    view.set_fit_mode("width")
    tools.set_tool("note")
    click(view, 0, 500.0, 300.0)
    tools.act_margin.setChecked(True)
    assert view.right_margin > 0
    page = view.page_rect_in_viewport(0)
    assert view.viewport().width() - page.right() >= view.right_margin - 1
    view.viewport().repaint()
    ((box, uid),) = tools.overlay.margin_boxes(0)
    assert box.left() > page.right() and uid == stored(tools)["note"].uid
    # A click on the margin note selects its annotation.
    tools.set_tool("select")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     box.center().toPoint())
    assert tools.overlay.selected_uid == uid
    tools.act_margin.setChecked(False)
    assert view.right_margin == 0


def test_others_marks_cannot_be_moved_but_can_be_resolved(tools, store):
    view = tools.view
    document = next(iter(tools.documents().values()))
    store.as_user("judge2").add_annotation(document, kind="rect", page=0, geometry=[100, 200, 200, 260],
                                           color="#e53935")
    tools.reload()
    tools.set_tool("select")
    drag(view, 0, [(100.0, 230.0), (150.0, 230.0)])
    theirs = stored(tools)["rect"]
    assert flat(theirs.geometry) == [100, 200, 200, 260] and theirs.version == 1
    assert not tools.act_delete.isEnabled()
    assert tools.set_status(tools.model(document).get(theirs.uid), "resolved")
    assert stored(tools)["rect"].status == "resolved"


def test_the_tool_row_has_an_icon_and_a_tooltip_for_every_tool(tools):
    for name, action in tools.tool_actions.items():
        assert not action.icon().isNull(), name
        assert action.toolTip(), name
    assert tools.bar.parent() is tools.pane
