"""Writes the built-in template library: every ``.docx`` in ``templates/library/`` and its
manifest ``.json``, from the layout and field declarations below, so that a change to a
document is a reviewable change to this file.

Run ``python -m templates.build_library`` after editing; the output is byte-for-byte
repeatable, and both the script and its output are committed.

Layout follows the court's document style (GB/T 9704 page, A4): the court's name centred in
bold 宋体, the title larger and centred, the case number flush right, the body in 三号 仿宋
with a two-character first-line indent on a fixed 28 pt line, the signature block and the date
in Chinese numerals flush right with room above them for the seal, which covers the date.
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from templates.manifest import LIBRARY_DIR, manifest_from_dict

# Named as Chinese courts' Word installations know them; the font table adds the Chinese
# names as alternatives, and LibreOffice or the fallback renderer substitute a CJK serif.
BODY_FONT = "FangSong"
HEAD_FONT = "SimSun"
LATIN_FONT = "Times New Roman"
_FONT_ALTERNATIVES = {"FangSong": ("仿宋", "modern", "fixed"), "SimSun": ("宋体", "auto", "variable")}
_FIXED_TIME = datetime(2024, 1, 1, tzinfo=timezone.utc)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------- field declarations


def F(name: str, type_: str, label: str, source: str = "user", required: bool = True, **extra) -> dict:
    """One manifest field."""
    return {"name": name, "type": type_, "label": label, "required": required, "source": source, **extra}


CASE_NO_RULE = {"pattern": r"[（(]\d{4}[）)][\u4e00-\u9fff]{1,2}\d{0,6}[\u4e00-\u9fff]{1,6}\d+号(之[一二三四五六七八九十]+)?",
                "hint": "如（2024）陕0823执123号", "example": "（2024）陕0823执123号"}
PHONE_RULE = {"pattern": r"[\d\-]{7,20}", "hint": "电话号码", "example": "0912-6612345"}


def court_name() -> dict:
    return F("court_name", "text", "法院名称", "case")


def case_no(label: str = "案号") -> dict:
    return F("case_no", "text", label, "case", validation=CASE_NO_RULE)


def issue_date() -> dict:
    return F("issue_date", "date", "落款日期", "user", format=["cn_date"],
             help="文书签发日期，以中文数字打印，院印盖于其上。")


def debtors_list() -> dict:
    return F("debtors", "list", "被执行人", "case", item_fields=[
        F("name", "person", "名称或姓名", "case"),
        F("address", "text", "住所（地）", "case"),
        F("id_number", "id_number", "公民身份号码", "case", required=False),
        F("credit_code", "credit_code", "统一社会信用代码", "case", required=False),
        F("legal_representative", "person", "法定代表人", "case", required=False),
    ])


def panel_list() -> dict:
    return F("panel", "list", "署名人员", "case", item_fields=[
        F("role", "text", "职务（如审判长、审判员、执行员）", "case"),
        F("name", "person", "姓名", "case"),
    ], help="按署名顺序排列。")


# --------------------------------------------------------------------------- layout


class Sheet:
    """One court document being laid out."""

    def __init__(self, title: str):
        self.doc = Document()
        self.title_text = title
        self._page()
        self._styles()

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)

    @staticmethod
    def _fonts(style, east_asia: str, size: float, bold: bool = False) -> None:
        style.font.name = LATIN_FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)

    def _style(self, name: str, east_asia: str, size: float, align, bold: bool = False,
               indent_chars: int = 0, right_chars: int = 0, spacing: float = 28, before: float = 0,
               char_spacing: float = 0):
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        self._fonts(style, east_asia, size, bold)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.space_before, fmt.space_after = Pt(before), Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spacing)
        if indent_chars:
            fmt.first_line_indent = Pt(size * indent_chars)
        if right_chars:
            fmt.right_indent = Pt(size * right_chars)
        if char_spacing:
            spacing_el = OxmlElement("w:spacing")
            spacing_el.set(qn("w:val"), str(int(char_spacing * 20)))
            style.element.get_or_add_rPr().append(spacing_el)
        return style

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        self._fonts(normal, BODY_FONT, 16)
        normal.paragraph_format.space_after = Pt(0)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal.element.get_or_add_rPr().append(lang)
        center, right, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
        self._style("法院名称", HEAD_FONT, 18, center, bold=True, spacing=32)
        self._style("文书标题", HEAD_FONT, 26, center, bold=True, spacing=40, before=6, char_spacing=6)
        self._style("文书编号", BODY_FONT, 16, right, before=6)
        self._style("正文", BODY_FONT, 16, justify, indent_chars=2)
        self._style("顶格", BODY_FONT, 16, justify)
        self._style("落款", BODY_FONT, 16, right, right_chars=2)
        self._style("落款日期", BODY_FONT, 16, right, right_chars=2)
        self._style("附注", BODY_FONT, 14, WD_ALIGN_PARAGRAPH.LEFT)

    def _para(self, text: str, style: str):
        p = self.doc.add_paragraph(style=style)
        # One run per paragraph keeps every {{ field }} in a single run, as docxtpl needs.
        p.add_run(text)
        return p

    def heading(self, with_number: bool = True) -> None:
        self._para("{{ court_name }}", "法院名称")
        self._para(self.title_text, "文书标题")
        if with_number:
            self._para("{{ case_no }}", "文书编号")

    def body(self, *texts: str) -> None:
        for text in texts:
            self._para(text, "正文")

    def flush(self, *texts: str) -> None:
        for text in texts:
            self._para(text, "顶格")

    def loop(self, items: str, var: str, *lines: str, style: str = "正文") -> None:
        self._para(f"{{%p for {var} in {items} %}}", style)
        for line in lines:
            self._para(line, style)
        self._para("{%p endfor %}", style)

    def when(self, condition: str, *lines: str, style: str = "正文") -> None:
        self._para(f"{{%p if {condition} %}}", style)
        for line in lines:
            self._para(line, style)
        self._para("{%p endif %}", style)

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self._para("", "顶格")

    def signature(self, panel: bool = False, clerk: bool = False) -> None:
        """The signature block. Two blank lines above the date leave the seal's upper half
        room; the seal is centred on the date line."""
        self.blank(2 if not panel else 1)
        if panel:
            self.loop("panel", "m", "{{ m.role }}　　{{ m.name }}", style="落款")
        self.blank(1)
        self._para("{{ issue_date }}", "落款日期")
        if clerk:
            self._para("本件与原本核对无异", "顶格")
            self._para("书　记　员　　{{ clerk }}", "落款")

    def save(self, path: Path) -> None:
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = self.title_text, "Dossier Desk", "Dossier Desk"
        props.created = props.modified = _FIXED_TIME
        props.revision, props.comments, props.keywords = 1, "", "执行文书模板"
        self._font_table()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path.write_bytes(_repeatable_zip(buffer.getvalue()))

    def _font_table(self) -> None:
        part = next(p for p in self.doc.part.package.iter_parts() if p.partname.endswith("fontTable.xml"))
        entries = "".join(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
            for name, (alt, family, pitch) in _FONT_ALTERNATIVES.items())
        part._blob = part.blob.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")


def _repeatable_zip(data: bytes) -> bytes:
    # python-docx stamps every zip entry with the current time; fix it so rebuilds don't churn.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- the documents

COMMON_BASIS = F("basis_document", "text", "执行依据", "extraction",
                 help="如：本院（2023）陕0823民初1567号民事判决书")
CAUSE = F("cause", "text", "案由", "case")
APPLICANT = F("applicant", "person", "申请执行人", "case")


def execution_notice() -> tuple[Sheet, dict]:
    s = Sheet("执行通知书")
    s.heading()
    s.flush("{{ debtors }}：")
    s.body("申请执行人{{ applicant }}与你（单位）{{ cause }}一案，本院作出的{{ basis_document }}已经发生法律效力。"
           "申请执行人{{ applicant }}于{{ application_date|ar_date }}向本院申请强制执行，本院于"
           "{{ filed_date|ar_date }}依法立案执行。依照《中华人民共和国民事诉讼法》第二百五十一条、第二百六十四条和"
           "《最高人民法院关于人民法院执行工作若干问题的规定（试行）》第22条的规定，责令你（单位）自本通知送达之日起"
           "立即履行下列义务：")
    s.loop("obligations", "item", "{{ loop.index|cn_number }}、{{ item }}")
    s.body("负担本案申请执行费{{ execution_fee }}（{{ execution_fee|capital }}）。")
    s.when("joint_liability", "{{ joint_liability }}")
    s.body("逾期不履行的，本院将依法强制执行，并可依法将你（单位）纳入失信被执行人名单，对你（单位）采取限制消费等措施；"
           "构成犯罪的，依法追究刑事责任。",
           "本院执行款专户：{{ court_account_name }}，开户行：{{ court_bank }}，账号：{{ court_account }}。"
           "缴款时请注明案号。")
    s.flush("联系人：{{ contact }}　联系电话：{{ contact_phone }}")
    s.signature()
    return s, {
        "name": "执行通知书", "procedural": True, "approver": "",
        "description": "立案后向被执行人发出，责令其履行生效法律文书确定的义务。",
        "seal": {"anchor_field": "issue_date"},
        "fields": [court_name(), case_no(),
                   F("debtors", "text", "被执行人（称呼）", "case", help="多个被执行人以顿号分隔"),
                   APPLICANT, CAUSE, COMMON_BASIS,
                   F("application_date", "date", "申请执行日期", "case", format=["ar_date"]),
                   F("filed_date", "date", "立案日期", "case", format=["ar_date"]),
                   F("obligations", "list", "应履行的义务", "extraction", item_type="text",
                     help="逐项列出判决主文确定的给付义务"),
                   F("execution_fee", "amount", "申请执行费", "case", format=["amount", "capital"]),
                   F("joint_liability", "text", "连带责任说明", "extraction", required=False),
                   F("court_account_name", "text", "执行款专户户名", "case"),
                   F("court_bank", "text", "执行款专户开户行", "case"),
                   F("court_account", "bank_account", "执行款专户账号", "case"),
                   F("contact", "person", "联系人", "user"),
                   F("contact_phone", "text", "联系电话", "user", validation=PHONE_RULE),
                   issue_date()],
    }


def property_report_order() -> tuple[Sheet, dict]:
    s = Sheet("报告财产令")
    s.heading()
    s.flush("{{ debtors }}：")
    s.body("申请执行人{{ applicant }}与你（单位）{{ cause }}一案，本院{{ basis_document }}已经发生法律效力，"
           "你（单位）未按执行通知履行法律文书确定的义务。依照《中华人民共和国民事诉讼法》第二百五十二条和《最高人民"
           "法院关于民事执行中财产调查若干问题的规定》第三条、第五条的规定，责令你（单位）在收到本令后{{ report_days }}日内，"
           "如实向本院报告当前以及收到执行通知之日前一年的财产情况。",
           "应当报告的财产包括：（一）收入、银行存款、现金、理财产品、有价证券；（二）土地使用权、房屋等不动产；"
           "（三）交通运输工具、机器设备、产品、原材料等动产；（四）债权、股权、投资权益、基金份额、信托受益权、"
           "知识产权等财产性权利；（五）其他应当报告的财产。",
           "你（单位）的财产情况在报告期内发生变动的，应当对该变动情况进行报告。报告财产后，财产情况发生变动，影响申请"
           "执行人债权实现的，应当自财产变动之日起十日内向本院补充报告。",
           "拒绝报告或者虚假报告的，本院将根据情节轻重对你（单位）或者你单位的法定代表人、主要负责人予以罚款、拘留；"
           "构成犯罪的，依法追究刑事责任。同时，本院将依法把你（单位）纳入失信被执行人名单。")
    s.flush("附：财产情况报告表（被执行人填写）")
    s.signature()
    return s, {
        "name": "报告财产令", "procedural": True, "approver": "",
        "description": "责令被执行人限期如实报告财产。",
        "seal": {"anchor_field": "issue_date"},
        "fields": [court_name(), case_no(),
                   F("debtors", "text", "被执行人（称呼）", "case", help="多个被执行人以顿号分隔"),
                   APPLICANT, CAUSE, COMMON_BASIS,
                   F("report_days", "text", "报告期限（日）", "user", default="五",
                     validation={"pattern": "[一二三四五六七八九十]+", "hint": "中文数字，如五"}),
                   issue_date()],
    }


def _party_lines(s: Sheet) -> None:
    s.flush("申请执行人：{{ applicant }}，{% if applicant_credit_code %}住所地{{ applicant_address }}，统一社会信用代码"
            "{{ applicant_credit_code }}{% else %}住{{ applicant_address }}{% if applicant_id %}，公民身份号码"
            "{{ applicant_id }}{% endif %}{% endif %}。")
    s.loop("debtors", "d",
           "被执行人：{{ d.name }}，{% if d.credit_code %}住所地{{ d.address }}，统一社会信用代码{{ d.credit_code }}"
           "{% else %}住{{ d.address }}{% if d.id_number %}，公民身份号码{{ d.id_number }}{% endif %}{% endif %}。",
           style="顶格")


def _party_fields() -> list[dict]:
    return [APPLICANT,
            F("applicant_address", "text", "申请执行人住所", "case"),
            F("applicant_id", "id_number", "申请执行人公民身份号码", "case", required=False),
            F("applicant_credit_code", "credit_code", "申请执行人统一社会信用代码", "case", required=False),
            debtors_list()]


DEBTOR_NAMES = "{{ debtors|map(attribute='name')|join('、') }}"


def freeze_ruling() -> tuple[Sheet, dict]:
    s = Sheet("执行裁定书")
    s.heading()
    _party_lines(s)
    s.body(f"本院在执行申请执行人{{{{ applicant }}}}与被执行人{DEBTOR_NAMES}{{{{ cause }}}}一案中，因被执行人未按执行通知"
           "履行{{ basis_document }}确定的义务，依照《中华人民共和国民事诉讼法》第二百五十三条、《最高人民法院关于人民法院"
           "民事执行中查封、扣押、冻结财产的规定》第一条的规定，裁定如下：")
    s.loop("accounts", "a", "{{ loop.index|cn_number }}、冻结、扣划被执行人{{ a.holder }}在{{ a.bank }}开立的账户"
                            "（账号：{{ a.account }}）内的存款，以人民币{{ a.amount }}为限；")
    s.body("上述冻结、扣划总额以人民币{{ target_amount|plain }}元（{{ target_amount|capital }}）为限。",
           "本裁定立即执行。")
    s.signature(panel=True, clerk=True)
    return s, {
        "name": "执行裁定书（冻结、扣划）", "title": "执行裁定书", "procedural": False,
        "approver": "执行局局长",
        "description": "裁定冻结、扣划被执行人银行存款。",
        "seal": {"anchor_field": "issue_date"},
        "fields": [court_name(), case_no("案号（如…执123号之一）"), *_party_fields(), CAUSE, COMMON_BASIS,
                   F("accounts", "list", "冻结、扣划的账户", "extraction", item_fields=[
                       F("holder", "person", "户名", "extraction"),
                       F("bank", "text", "开户银行", "extraction"),
                       F("account", "bank_account", "账号", "extraction"),
                       F("amount", "amount", "限额", "user", format=["amount"]),
                   ]),
                   F("target_amount", "amount", "冻结、扣划总额", "case", format=["plain", "capital"]),
                   panel_list(), F("clerk", "person", "书记员", "case"), issue_date()],
    }


def bank_assistance_notice() -> tuple[Sheet, dict]:
    s = Sheet("协助执行通知书")
    s.heading()
    s.flush("{{ bank_name }}：")
    s.body("关于申请执行人{{ applicant }}与被执行人{{ debtor }}{{ cause }}一案，本院{{ ruling_no }}执行裁定书已经发生"
           "法律效力。依照《中华人民共和国民事诉讼法》第二百五十三条的规定，请协助执行下列事项：",
           "冻结被执行人{{ debtor }}（{% if debtor_credit_code %}统一社会信用代码{{ debtor_credit_code }}{% else %}"
           "公民身份号码{{ debtor_id }}{% endif %}）在你行开立的账户（账号：{{ account }}）内的存款，以人民币"
           "{{ amount|plain }}元（{{ amount|capital }}）为限，冻结期限一年，自{{ freeze_from|ar_date }}起至"
           "{{ freeze_to|ar_date }}止。冻结期间如有存入，请一并冻结。",
           "请于收到本通知后将协助执行情况书面回复本院。")
    s.flush("附：{{ ruling_no }}执行裁定书一份", "联系人：{{ contact }}　联系电话：{{ contact_phone }}")
    s.signature()
    return s, {
        "name": "协助执行通知书（银行）", "title": "协助执行通知书", "procedural": True, "approver": "",
        "description": "随冻结、扣划裁定送达银行，请其协助冻结存款。",
        "seal": {"anchor_field": "issue_date"},
        "fields": [court_name(), case_no(), F("bank_name", "text", "协助执行银行", "extraction"),
                   APPLICANT, F("debtor", "person", "被执行人", "case"),
                   F("debtor_id", "id_number", "被执行人公民身份号码", "case", required=False),
                   F("debtor_credit_code", "credit_code", "被执行人统一社会信用代码", "case", required=False),
                   CAUSE, F("ruling_no", "text", "执行裁定书案号", "case", validation=CASE_NO_RULE),
                   F("account", "bank_account", "账号", "extraction"),
                   F("amount", "amount", "冻结限额", "user", format=["plain", "capital"]),
                   F("freeze_from", "date", "冻结起始日", "user", format=["ar_date"]),
                   F("freeze_to", "date", "冻结截止日", "user", format=["ar_date"]),
                   F("contact", "person", "联系人", "user"),
                   F("contact_phone", "text", "联系电话", "user", validation=PHONE_RULE),
                   issue_date()],
    }


_RESTRICTIONS = (
    "（一）乘坐交通工具时，选择飞机、列车软卧、轮船二等以上舱位；",
    "（二）在星级以上宾馆、酒店、夜总会、高尔夫球场等场所进行高消费；",
    "（三）购买不动产或者新建、扩建、高档装修房屋；",
    "（四）租赁高档写字楼、宾馆、公寓等场所办公；",
    "（五）购买非经营必需车辆；",
    "（六）旅游、度假；",
    "（七）子女就读高收费私立学校；",
    "（八）支付高额保费购买保险理财产品；",
    "（九）乘坐G字头动车组列车全部座位、其他动车组列车一等以上座位等其他非生活和工作必需的消费行为。",
)


def consumption_restriction() -> tuple[Sheet, dict]:
    s = Sheet("限制消费令")
    s.heading()
    s.flush("被执行人：{{ debtor }}{% if debtor_credit_code %}，统一社会信用代码{{ debtor_credit_code }}"
            "{% elif debtor_id %}，公民身份号码{{ debtor_id }}{% endif %}")
    s.when("legal_representative", "法定代表人：{{ legal_representative }}", style="顶格")
    s.body("本院于{{ filed_date|ar_date }}立案执行申请执行人{{ applicant }}申请执行你（单位）{{ cause }}一案，因你（单位）"
           "未按执行通知书指定的期间履行{{ basis_document }}确定的给付义务，本院依照《中华人民共和国民事诉讼法》"
           "第二百六十六条和《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第一条、第三条的规定，对你（单位）"
           "{% if legal_representative %}及你单位的法定代表人{{ legal_representative }}{% endif %}采取限制消费措施，"
           "限制你（单位）{% if legal_representative %}及{{ legal_representative }}{% endif %}不得实施以下高消费及"
           "非生活和工作必需的消费行为：", *_RESTRICTIONS,
           "如因私消费以个人财产实施前款规定行为的，可以向本院提出申请，获批准后方可实施。如违反本令，经查证属实的，"
           "本院将依照《中华人民共和国民事诉讼法》第一百一十四条的规定，予以罚款、拘留；情节严重，构成犯罪的，依法追究"
           "刑事责任。")
    s.signature()
    return s, {
        "name": "限制消费令", "procedural": False, "approver": "院长",
        "description": "对未履行义务的被执行人（及其法定代表人）限制高消费；由院长签发。",
        "seal": {"anchor_field": "issue_date"},
        "fields": [court_name(), case_no(), F("debtor", "person", "被执行人", "case"),
                   F("debtor_id", "id_number", "被执行人公民身份号码", "case", required=False),
                   F("debtor_credit_code", "credit_code", "被执行人统一社会信用代码", "case", required=False),
                   F("legal_representative", "person", "法定代表人", "case", required=False),
                   F("filed_date", "date", "立案日期", "case", format=["ar_date"]),
                   APPLICANT, CAUSE, COMMON_BASIS, issue_date()],
    }


def execution_transcript() -> tuple[Sheet, dict]:
    s = Sheet("执行笔录")
    s._para("{{ court_name }}", "法院名称")
    s._para("执行笔录", "文书标题")
    s.flush("时间：{{ time }}", "地点：{{ place }}", "执行人员：{{ officers }}", "记录人：{{ recorder }}",
            "被询问人：{{ interviewee }}")
    s.when("others_present", "其他在场人：{{ others_present }}", style="顶格")
    s.flush("案号：{{ case_no }}")
    s.loop("qa", "x", "问：{{ x.q }}", "答：{{ x.a }}", style="顶格")
    s.flush("（以下无正文）")
    s.blank()
    s._para("被询问人：{{ interviewee_name }}", "落款")
    s.when("others_present", "其他在场人：{{ others_present_name }}", style="落款")
    s._para("执行人员：{{ officers_names }}", "落款")
    s._para("记录人：{{ recorder_name }}", "落款")
    return s, {
        "name": "执行笔录", "procedural": True, "approver": "",
        "description": "询问被执行人等的笔录；由被询问人逐页签名捺印，不加盖院印。",
        "seal": None,
        "fields": [court_name(), case_no(),
                   F("time", "text", "时间", "user", help="如：2024年3月20日上午9时30分至10时45分"),
                   F("place", "text", "地点", "user"),
                   F("officers", "text", "执行人员", "case", help="如：执行员赵建国、法官助理何静"),
                   F("recorder", "text", "记录人", "case", help="如：书记员王芳"),
                   F("interviewee", "text", "被询问人（基本情况）", "case",
                     help="姓名、性别、出生日期、民族、公民身份号码、住址、与本案关系"),
                   F("others_present", "text", "其他在场人", "user", required=False),
                   F("qa", "list", "问答", "user", item_fields=[
                       F("q", "text", "问", "user"), F("a", "text", "答", "user")]),
                   F("interviewee_name", "person", "被询问人签名", "case"),
                   F("others_present_name", "text", "其他在场人签名", "user", required=False),
                   F("officers_names", "text", "执行人员签名", "case"),
                   F("recorder_name", "person", "记录人签名", "case")],
    }


def termination_ruling() -> tuple[Sheet, dict]:
    s = Sheet("执行裁定书")
    s.heading()
    _party_lines(s)
    s.body(f"本院在执行申请执行人{{{{ applicant }}}}与被执行人{DEBTOR_NAMES}{{{{ cause }}}}一案中，依据已经发生法律效力的"
           "{{ basis_document }}，于{{ filed_date|ar_date }}立案执行，申请执行标的为{{ target_amount }}。",
           "执行过程中，本院依法采取了下列执行措施：")
    s.loop("measures", "m", "{{ loop.index|cn_number }}、{{ m }}")
    s.body("{{ findings }}",
           "截至目前，被执行人已履行{{ paid_amount }}，尚有{{ outstanding }}（{{ outstanding|capital }}）未履行。经穷尽"
           "财产调查措施，未发现被执行人有其他可供执行的财产，本案符合终结本次执行程序的条件。"
           "{% if applicant_consent %}{{ applicant_consent }}{% endif %}",
           "依照《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百一十七条的规定，裁定如下：",
           "终结本次执行程序。",
           "申请执行人发现被执行人有可供执行财产的，可以再次申请执行。再次申请不受申请执行时效期间的限制。",
           "终结本次执行程序后，被执行人应当继续履行生效法律文书确定的义务。",
           "本裁定送达后立即生效。")
    s.signature(panel=True, clerk=True)
    return s, {
        "name": "终结本次执行程序裁定书", "title": "执行裁定书", "procedural": False,
        "approver": "合议庭（报院长批准）",
        "description": "经财产调查未发现可供执行财产时，裁定终结本次执行程序。",
        "seal": {"anchor_field": "issue_date"},
        "fields": [court_name(), case_no(), *_party_fields(), CAUSE, COMMON_BASIS,
                   F("filed_date", "date", "立案日期", "case", format=["ar_date"]),
                   F("target_amount", "amount", "申请执行标的", "case", format=["amount"]),
                   F("measures", "list", "已采取的执行措施", "user", item_type="text"),
                   F("findings", "text", "财产调查情况", "user"),
                   F("paid_amount", "amount", "已履行金额", "case", default="0", format=["amount"]),
                   F("outstanding", "amount", "未履行金额", "case", format=["amount", "capital"]),
                   F("applicant_consent", "text", "申请执行人意见", "user", required=False),
                   panel_list(), F("clerk", "person", "书记员", "case"), issue_date()],
    }


def closing_notice() -> tuple[Sheet, dict]:
    s = Sheet("结案通知书")
    s.heading()
    s.flush("{{ recipient }}：")
    s.body("本院执行的申请执行人{{ applicant }}与被执行人{{ debtor_names }}{{ cause }}一案，执行依据为"
           "{{ basis_document }}。{% if paid_amount %}本案执行到位款项{{ paid_amount }}（{{ paid_amount|capital }}）。"
           "{% endif %}本案已于{{ closing_date|ar_date }}以{{ closing_way }}方式结案。",
           "特此通知。")
    s.signature()
    return s, {
        "name": "结案通知书", "procedural": True, "approver": "",
        "description": "结案后通知当事人结案方式。",
        "seal": {"anchor_field": "issue_date"},
        "fields": [court_name(), case_no(), F("recipient", "person", "受通知人", "case"), APPLICANT,
                   F("debtor_names", "text", "被执行人", "case", help="多个被执行人以顿号分隔"),
                   CAUSE, COMMON_BASIS,
                   F("paid_amount", "amount", "执行到位金额", "case", required=False, format=["amount", "capital"]),
                   F("closing_date", "date", "结案日期", "case", format=["ar_date"]),
                   F("closing_way", "text", "结案方式", "user",
                     validation={"pattern": "执行完毕|终结本次执行程序|终结执行|销案|不予执行|驳回申请",
                                 "hint": "执行完毕、终结本次执行程序、终结执行、销案、不予执行或驳回申请",
                                 "example": "执行完毕"}),
                   issue_date()],
    }


BUILDERS = (execution_notice, property_report_order, freeze_ruling, bank_assistance_notice,
            consumption_restriction, execution_transcript, termination_ruling, closing_notice)


def build(out_dir: Path = LIBRARY_DIR) -> list[Path]:
    """Write every library template and its manifest into `out_dir`; return the .docx paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for builder in BUILDERS:
        sheet, manifest = builder()
        manifest.setdefault("title", sheet.title_text)
        manifest_from_dict(manifest)  # refuse to write a manifest the engine would refuse
        path = out_dir / f"{manifest['name']}.docx"
        sheet.save(path)
        path.with_suffix(".json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else LIBRARY_DIR):
        print(p)
