"""The dossier catalog on a realistic enforcement case: groupings, filter, signals, drags."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from desktop.catalog import (COL_PAGES, COL_TITLE, DOCUMENT_ID_ROLE, DOCUMENT_MIME_TYPE,
                             CatalogView, CatalogWidget, document_ids_from_mime)
from storage.records import CaseInfo, DocumentInfo, PartyInfo, VolumeInfo

CASE_NO = "（2024）陕0823执123号"
D = dt.date

PARTIES = (
    PartyInfo(1, "李秀兰", "申请执行人", "person", "610828196805120024", 1),
    PartyInfo(2, "榆川县鑫达建材有限公司", "被执行人", "organisation", "91610828MA70B3KX0X", 1),
    PartyInfo(3, "张伟强", "被执行人", "person", "610828197909230317", 1),
)
# An empty volume the case declares: it must still be listed, in its place.
VOLUMES = (VolumeInfo(1, "正卷", 0), VolumeInfo(2, "副卷", 1), VolumeInfo(3, "附卷", 2))

# (id, volume, volume ordinal, title, type, date, source, pages)
ROWS = [
    (11, "正卷", 0, "强制执行申请书", "执行申请书", D(2024, 2, 26), "申请执行人李秀兰提交", 3),
    (12, "正卷", 0, "民事判决书（2023）陕0823民初1567号", "判决书", D(2023, 11, 20), "执行依据", 9),
    (13, "正卷", 0, "执行通知书", "执行通知书", D(2024, 3, 5), "本院制作", 2),
    (14, "正卷", 0, "送达回证（榆川县鑫达建材有限公司）", "送达回证", D(2024, 3, 7), "本院制作", 1),
    (15, "正卷", 0, "送达回证（张伟强）", "送达回证", D(2024, 3, 7), "本院制作", 1),
    (16, "正卷", 0, "协助查询存款回执", "财产查询回执", D(2024, 3, 12), "ICBC Yuchuan branch", 4),
    (17, "正卷", 0, "账户交易明细（张伟强）", "证据", None, "协助执行单位", 37),
    # Filed last though served before 14 and 15: the date view must not follow filing order.
    (18, "正卷", 0, "送达回证（李秀兰）", "送达回证", D(2024, 3, 6), "本院制作", 1),
    (21, "副卷", 1, "冻结、查封财产审批表", "审批表", D(2024, 3, 13), "本院制作", 2),
    (22, "副卷", 1, "合议庭评议笔录", "笔录", D(2024, 4, 2), "本院制作", 5),
]


def _docs() -> list[DocumentInfo]:
    docs = []
    ordinals: dict[str, int] = {}
    for doc_id, volume, vol_ord, title, doc_type, date, source, pages in ROWS:
        ordinal = ordinals.get(volume, 0)
        ordinals[volume] = ordinal + 1
        docs.append(DocumentInfo(id=doc_id, case_no=CASE_NO, volume=volume, volume_ordinal=vol_ord,
                                 title=title, doc_type=doc_type, doc_date=date, source=source,
                                 page_count=pages, digest=f"{doc_id:064x}", size=1000 * pages,
                                 ordinal=ordinal, version=1))
    return docs


CASE = CaseInfo(id=7, case_no=CASE_NO, cause="民间借贷纠纷", stage="财产调查",
                court="陕西省榆川县人民法院", filed_on=D(2024, 3, 1), closed_on=None, version=1,
                judges=("赵建国",), clerks=("王芳",), parties=PARTIES, volumes=VOLUMES)


@pytest.fixture
def catalog(qtbot):
    # Hosted like a dock's content, not as a window of its own (the offscreen platform warns
    # when a top-level window's layout sets its size limits).
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(560, 640)
    widget = CatalogWidget(host)
    docs = _docs()
    random.Random(3).shuffle(docs)  # the store's order is not trusted: the catalog orders them
    widget.set_case(CASE, docs)
    widget.resize(host.size())
    host.show()
    qtbot.waitExposed(host)
    yield widget  # the host must outlive the test: it owns the catalog
    host.close()


def tree(widget: CatalogWidget) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    """The visible tree as (group title, pages text, [(title, pages text, document id)])."""
    model = widget.tree.model()
    out = []
    for r in range(model.rowCount()):
        group = model.index(r, COL_TITLE)
        children = []
        for c in range(model.rowCount(group)):
            child = model.index(c, COL_TITLE, group)
            children.append((child.data(), child.siblingAtColumn(COL_PAGES).data(),
                             child.data(DOCUMENT_ID_ROLE)))
        out.append((group.data(), group.siblingAtColumn(COL_PAGES).data(), children))
    return out


def find_row(widget: CatalogWidget, title: str, parent: QModelIndex | None = None) -> QModelIndex:
    model = widget.tree.model()
    parent = parent if parent is not None else QModelIndex()
    for r in range(model.rowCount(parent)):
        index = model.index(r, COL_TITLE, parent)
        if index.data() == title:
            return index
        found = find_row(widget, title, index)
        if found.isValid():
            return found
    return QModelIndex()


def test_by_volume_runs_page_ranges_through_each_bound_volume(catalog):
    assert catalog.current_view() is CatalogView.VOLUME
    assert tree(catalog) == [
        ("正卷", "58", [
            ("强制执行申请书", "p. 1–3", 11),
            ("民事判决书（2023）陕0823民初1567号", "p. 4–12", 12),
            ("执行通知书", "p. 13–14", 13),
            ("送达回证（榆川县鑫达建材有限公司）", "p. 15", 14),
            ("送达回证（张伟强）", "p. 16", 15),
            ("协助查询存款回执", "p. 17–20", 16),
            ("账户交易明细（张伟强）", "p. 21–57", 17),
            ("送达回证（李秀兰）", "p. 58", 18),
        ]),
        # Every volume is bound, and numbered, on its own.
        ("副卷", "7", [
            ("冻结、查封财产审批表", "p. 1–2", 21),
            ("合议庭评议笔录", "p. 3–7", 22),
        ]),
        ("附卷", "0", []),
    ]


def test_by_type_groups_in_order_of_first_appearance_with_page_sums(catalog):
    catalog.set_view(CatalogView.TYPE)
    groups = tree(catalog)
    assert [(g, p) for g, p, _ in groups] == [
        ("执行申请书", "3"), ("判决书", "9"), ("执行通知书", "2"), ("送达回证", "3"),
        ("财产查询回执", "4"), ("证据", "37"), ("审批表", "2"), ("笔录", "5")]
    assert [i for _, _, i in dict((g, c) for g, _, c in groups)["送达回证"]] == [14, 15, 18]


def test_by_date_groups_year_months_oldest_first_and_undated_last(catalog):
    catalog.set_view(CatalogView.DATE)
    groups = tree(catalog)
    assert [(g, p, [i for _, _, i in c]) for g, p, c in groups] == [
        ("2023-11", "9", [12]),
        ("2024-02", "3", [11]),
        ("2024-03", "11", [13, 18, 14, 15, 16, 21]),
        ("2024-04", "5", [22]),
        ("Undated", "37", [17]),
    ]


def test_by_party_lists_documents_naming_each_party_and_the_rest_under_other(catalog):
    catalog.set_view(CatalogView.PARTY)
    groups = tree(catalog)
    assert [(g, p, [i for _, _, i in c]) for g, p, c in groups] == [
        ("李秀兰 (申请执行人)", "4", [11, 18]),          # 11 names her in its source only
        ("榆川县鑫达建材有限公司 (被执行人)", "1", [14]),
        ("张伟强 (被执行人)", "38", [15, 17]),
        ("Other", "22", [12, 13, 16, 21, 22]),
    ]


def test_filter_keeps_matching_documents_and_their_groups(catalog):
    catalog.set_filter("回证")
    # The bound page numbers stay those of the whole volume.
    assert tree(catalog) == [("正卷", "58", [
        ("送达回证（榆川县鑫达建材有限公司）", "p. 15", 14),
        ("送达回证（张伟强）", "p. 16", 15),
        ("送达回证（李秀兰）", "p. 58", 18)])]
    assert catalog.tree.isExpanded(catalog.tree.model().index(0, 0))

    catalog.set_filter("icbc")  # the source, in another case
    assert [(g, [i for _, _, i in c]) for g, _, c in tree(catalog)] == [("正卷", [16])]

    catalog.set_filter("笔录")  # the type, in the second volume
    assert [(g, [i for _, _, i in c]) for g, _, c in tree(catalog)] == [("副卷", [22])]

    # A group's own label is not a match: "副卷" names no document.
    catalog.set_filter("副卷")
    assert tree(catalog) == []

    # The filter survives a change of grouping.
    catalog.set_filter("张伟强")
    catalog.set_view(CatalogView.DATE)
    assert [(g, [i for _, _, i in c]) for g, _, c in tree(catalog)] == [
        ("2024-03", [15]), ("Undated", [17])]

    catalog.filter_edit.clear()
    assert sum(len(c) for _, _, c in tree(catalog)) == len(ROWS)


def test_enter_and_double_click_activate_documents_not_groups(qtbot, catalog):
    view = catalog.tree
    doc = find_row(catalog, "执行通知书")
    view.setCurrentIndex(doc)
    with qtbot.waitSignal(catalog.documentActivated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [13]

    judgment = find_row(catalog, "民事判决书（2023）陕0823民初1567号")
    pos = view.visualRect(judgment).center()
    with qtbot.waitSignal(catalog.documentActivated) as blocker:
        # A real double-click is a click followed by the double-click event.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [12]

    view.setCurrentIndex(find_row(catalog, "正卷"))
    with qtbot.assertNotEmitted(catalog.documentActivated):
        qtbot.keyClick(view, Qt.Key.Key_Return)


def _action(menu, name):
    return next(a for a in menu.actions() if a.objectName() == name)


def test_context_menu_opens_a_document_in_either_pane(qtbot, catalog):
    # Any column of the row offers the same menu.
    index = find_row(catalog, "送达回证（张伟强）").siblingAtColumn(COL_PAGES)
    menu = catalog.menu_for(index)
    assert [a.text() for a in menu.actions()] == ["Open in left pane", "Open in right pane"]
    with qtbot.waitSignal(catalog.openInPane) as blocker:
        _action(menu, "openLeft").trigger()
    assert blocker.args == [15, "left"]
    with qtbot.waitSignal(catalog.openInPane) as blocker:
        _action(menu, "openRight").trigger()
    assert blocker.args == [15, "right"]


def test_volume_menu_reads_the_whole_volume_as_one_book_even_when_filtered(qtbot, catalog):
    catalog.set_filter("冻结")
    menu = catalog.menu_for(find_row(catalog, "副卷"))
    with qtbot.waitSignal(catalog.volumeAsBook) as blocker:
        _action(menu, "readVolume").trigger()
    assert blocker.args == ["副卷", [21, 22]]

    catalog.set_filter("")
    assert not _action(catalog.menu_for(find_row(catalog, "附卷")), "readVolume").isEnabled()


def test_groups_that_are_not_volumes_have_no_menu(catalog):
    catalog.set_view(CatalogView.TYPE)
    assert catalog.menu_for(find_row(catalog, "证据")) is None
    assert catalog.menu_for(QModelIndex()) is None


def test_a_dragged_document_carries_its_id(catalog):
    model = catalog.tree.model()
    doc = find_row(catalog, "协助查询存款回执")
    assert doc.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert DOCUMENT_MIME_TYPE in model.mimeTypes()
    # The view hands every column of the dragged row to the model.
    row = [doc.siblingAtColumn(c) for c in range(model.columnCount(doc.parent()))]
    mime = model.mimeData(row)
    assert mime.hasFormat(DOCUMENT_MIME_TYPE)
    assert bytes(mime.data(DOCUMENT_MIME_TYPE).data()) == b"16"
    assert document_ids_from_mime(mime) == [16]

    group = find_row(catalog, "正卷")
    assert not group.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert model.mimeData([group]) is None


def test_related_cases_are_listed_and_activate_by_case_number(qtbot, catalog):
    assert catalog.related_list.isHidden()
    other = CaseInfo(id=9, case_no="（2023）陕0823执45号", cause="买卖合同纠纷", stage="终结本次执行",
                     court="陕西省榆川县人民法院", filed_on=D(2023, 5, 4), closed_on=None, version=3)
    catalog.set_related([(other, "张伟强")])
    assert catalog.related_list.isVisible()
    item = catalog.related_list.item(0)
    assert item.text() == "（2023）陕0823执45号  买卖合同纠纷  (shared: 张伟强)"
    catalog.related_list.setCurrentItem(item)
    with qtbot.waitSignal(catalog.relatedCaseActivated) as blocker:
        qtbot.keyClick(catalog.related_list, Qt.Key.Key_Return)
    assert blocker.args == ["（2023）陕0823执45号"]
    catalog.set_related([])
    assert catalog.related_list.isHidden()


def test_select_document_reveals_its_row(catalog):
    catalog.set_view(CatalogView.PARTY)
    assert catalog.select_document(17)
    assert catalog.tree.currentIndex().data(DOCUMENT_ID_ROLE) == 17
    assert not catalog.select_document(999)


def test_titles_stay_readable_in_a_narrow_dock(qtbot, catalog):
    header = catalog.tree.header()
    wide = header.sectionSize(COL_TITLE)
    # Wide: the title takes the room the other columns leave, no sideways scrolling.
    assert wide + sum(header.sectionSize(c) for c in range(1, 4)) == catalog.tree.viewport().width()
    catalog.resize(300, 600)
    qtbot.waitUntil(lambda: header.sectionSize(COL_TITLE) != wide)
    assert header.sectionSize(COL_TITLE) == 200
    qtbot.waitUntil(lambda: catalog.tree.horizontalScrollBar().maximum() > 0)


def test_renders_a_chinese_case(catalog, tmp_path):
    catalog.set_related([(CASE, "张伟强")])
    path = tmp_path / "catalog.png"
    assert catalog.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (catalog.width(), catalog.height())
