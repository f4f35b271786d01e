"""Contexts for every library template, taken from the demo case as the desktop would take
them from the store, so that the tests fill documents with a real case's values."""
from __future__ import annotations

import datetime

from storage.demo_content import BANK, COURT, JUDGMENT_NO, demo_case

CASE = demo_case()
PARTIES = {p.name: p for p in CASE.parties}
APPLICANT = next(p for p in CASE.parties if p.role == "申请执行人")
COMPANY, DEBTOR = [p for p in CASE.parties if p.role == "被执行人"]
BASIS = f"{JUDGMENT_NO}民事判决书"
ISSUE_DATE = datetime.date(2024, 11, 12)
ISSUE_DATE_CN = "二〇二四年十一月十二日"


def _debtor(p) -> dict:
    entry = {"name": p.name, "address": p.address}
    entry["credit_code" if p.kind == "organisation" else "id_number"] = p.id_number
    if p.kind == "organisation":
        entry["legal_representative"] = DEBTOR.name
    return entry


COMMON = {"court_name": COURT, "case_no": CASE.case_no, "applicant": APPLICANT.name, "cause": CASE.cause,
          "basis_document": BASIS, "issue_date": ISSUE_DATE}
PARTY_BLOCK = {"applicant_address": APPLICANT.address, "applicant_id": APPLICANT.id_number,
               "debtors": [_debtor(COMPANY), _debtor(DEBTOR)]}
PANEL = [{"role": "审　判　长", "name": "赵建国"}, {"role": "审　判　员", "name": "孙莉"},
         {"role": "审　判　员", "name": "马振华"}]

CONTEXTS: dict[str, dict] = {
    "执行通知书": {
        **COMMON, "debtors": f"{COMPANY.name}、{DEBTOR.name}", "application_date": "2024-02-26",
        "filed_date": CASE.filed_on,
        "obligations": [f"偿还申请执行人{APPLICANT.name}借款本金56,000元及逾期利息；",
                        f"支付申请执行人{APPLICANT.name}已预交的案件受理费600元；",
                        "加倍支付迟延履行期间的债务利息；"],
        "execution_fee": "801.29", "joint_liability": f"{DEBTOR.name}对上述第一项债务承担连带清偿责任。",
        "court_account_name": "榆川县人民法院", "court_bank": f"{BANK}城关支行",
        "court_account": "27070100000018586", "contact": "赵建国", "contact_phone": "0912-6612345",
    },
    "报告财产令": {**COMMON, "debtors": f"{COMPANY.name}、{DEBTOR.name}"},
    "执行裁定书（冻结、扣划）": {
        **COMMON, **PARTY_BLOCK, "case_no": f"{CASE.case_no}之一",
        "accounts": [{"holder": COMPANY.name, "bank": BANK, "account": "6230510100023456789", "amount": "3215.47"},
                     {"holder": DEBTOR.name, "bank": BANK, "account": "6230510100045678123", "amount": "12087.30"}],
        "target_amount": "60086.20", "panel": PANEL, "clerk": "王芳",
    },
    "协助执行通知书（银行）": {
        **COMMON, "bank_name": f"{BANK}城关支行", "debtor": DEBTOR.name, "debtor_id": DEBTOR.id_number,
        "ruling_no": f"{CASE.case_no}之一", "account": "6230510100045678123", "amount": "12,087.30",
        "freeze_from": "2024-03-12", "freeze_to": "2025-03-11", "contact": "赵建国",
        "contact_phone": "0912-6612345",
    },
    "限制消费令": {**COMMON, "debtor": COMPANY.name, "debtor_credit_code": COMPANY.id_number,
                   "legal_representative": DEBTOR.name, "filed_date": "2024年3月1日"},
    "执行笔录": {
        "court_name": COURT, "case_no": CASE.case_no, "time": "2024年3月20日上午9时30分至10时45分",
        "place": "榆川县人民法院执行局第二谈话室", "officers": "执行员赵建国、法官助理何静", "recorder": "书记员王芳",
        "interviewee": f"{DEBTOR.name}，男，1979年9月23日出生，汉族，公民身份号码{DEBTOR.id_number}，住{DEBTOR.address}",
        "others_present": "申请执行人委托代理人周婷，陕西明德律师事务所律师",
        "qa": [{"q": "执行通知书、报告财产令你收到了吗？", "a": "3月7日收到了，公司的也是我签收的。"},
               {"q": "判决书确定的义务你们为什么至今没有履行？", "a": "公司账上没钱，不是故意不还。"}],
        "interviewee_name": DEBTOR.name, "others_present_name": "周婷", "officers_names": "赵建国　何静",
        "recorder_name": "王芳",
    },
    "终结本次执行程序裁定书": {
        **COMMON, **PARTY_BLOCK, "filed_date": CASE.filed_on, "target_amount": "60086.20",
        "measures": ["通过网络执行查控系统查询被执行人名下存款、车辆、不动产、证券等财产；",
                     "冻结并扣划被执行人银行存款15,302.77元；", "查封被执行人名下车辆两辆；",
                     "对被执行人发出限制消费令，并将其纳入失信被执行人名单。"],
        "findings": "被执行人名下住房已设定抵押，抵押债权数额超过房屋评估价值，暂无处置价值。",
        "paid_amount": "15302.77", "outstanding": "44783.43",
        "applicant_consent": "申请执行人同意终结本次执行程序。", "panel": PANEL, "clerk": "王芳",
    },
    "结案通知书": {**COMMON, "recipient": APPLICANT.name, "debtor_names": f"{COMPANY.name}、{DEBTOR.name}",
                   "paid_amount": "60086.20", "closing_date": "2024-10-30", "closing_way": "执行完毕"},
}
