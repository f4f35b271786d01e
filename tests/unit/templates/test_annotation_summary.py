"""The annotation summary in Word: a real .docx read back with python-docx."""
from __future__ import annotations

import datetime as dt
import io

import docx
from docx.oxml.ns import qn

from templates.annotation_summary import annotation_summary_docx
from viewer.core.annotations_export import SummaryEntry


def test_one_row_per_entry_with_page_from_one_and_lines_kept():
    entries = [SummaryEntry("判决书", 0, "note", "王法官", dt.datetime(2024, 5, 6, 9, 30), "利息计算待核\n— 李法官: 同意"),
               {"document": "申请书", "page": 3, "author": "李法官", "time": "2024-05-07 10:00", "text": "存疑"}]
    doc = docx.Document(io.BytesIO(annotation_summary_docx(entries, "批注汇总 （2024）陕0823执88号")))
    assert doc.paragraphs[0].text == "批注汇总 （2024）陕0823执88号"
    assert doc.paragraphs[1].text == "共 2 条"
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows == [["文书", "页", "作者", "时间", "内容"],
                    ["判决书", "1", "王法官", "2024-05-06 09:30", "利息计算待核\n— 李法官: 同意"],
                    ["申请书", "4", "李法官", "2024-05-07 10:00", "存疑"]]
    run = doc.tables[0].rows[1].cells[4].paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_no_entries_still_gives_the_table_head():
    doc = docx.Document(io.BytesIO(annotation_summary_docx([])))
    assert doc.paragraphs[1].text == "共 0 条"
    assert len(doc.tables[0].rows) == 1
