"""The catalogs use GLOSSARY.md's interface terms: a term the glossary rules out fails here, in the site's
catalog and the card helper's. A new forbidden term is one line of RULED_OUT."""
import glob
import os
import re

import pytest
from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (language, term as a regular expression, what to write instead)
RULED_OUT = (
    ("ja", "(?<![制防])御", "ご (ご確認ください, ご本人)"),
    ("ja", "あなた", "no あなた: leave the subject out, or ご自身"),
    ("ja", "または", "又は"),
    ("ja", "〜", "～ (full-width tilde)"),
    ("ja", "リーダー", "ICカードリーダライタ / リーダライタ"),
    ("ja", "署名用電子証明書の暗証番号", "署名用電子証明書のパスワード (暗証番号 is the 4-digit PIN)"),
    ("ja", "プロフィール", "利用者情報 (the applicant's own details page)"),
    ("ja", "登録情報", "利用者情報"),
    ("zh", "雇用", "雇佣 (雇用 is Japanese)"),
    ("zh", "月额", "每月金额 / 日元/月"),
    ("zh", "画面", "页面 (画面 is Japanese)"),
    ("zh", "・", "/ or 、 (・ only inside official status names)"),
    ("zh", '"', "Chinese quotation marks “ ”"),
    ("zh", "「", "Chinese quotation marks “ ”"),
    ("zh", "」", "Chinese quotation marks “ ”"),
    ("zh", "〜", "～"),
    ("zh", "个人资料", "利用者信息"),
    ("zh", "登记信息", "利用者信息"),
    ("zh", "利用者信息", "用户信息 (利用者 is Japanese; the flyer's 登录利用者信息 is named once, on the guidance page)"),
    ("zh", "签名用密码", "署名用电子证明书的密码"),
    ("zh", "签名密码", "署名用电子证明书的密码"),
    ("zh", "用户认证用密码", "利用者证明用电子证明书的密码"),
    ("zh", "电子证书", "电子证明书"),
    ("zh", "[\u3040-\u30fa\u30fc-\u30ff]", "no kana: a Chinese reader cannot read it (legal sub-items イ/ロ/ハ as a/b/c)"),
)
# Names that keep their wording: statuses of residence their ・ (GLOSSARY.md, "Statuses of residence"),
# the flyer's 登录利用者信息 (named once: FLYER_TERM), the login password 登录密码.
OFFICIAL_NAMES = {"zh": ("经营・管理", "法律・会计业务", "技术・人文知识・国际业务", "登录利用者信息", "登录密码")}
# 登录 is to log in (or out: 退出登录); to register is 注册 (an account, 用户信息注册) or 登记 (a record).
FLYER_TERM = ("登录利用者信息", "Register your user information before you apply. Registration is done online with "
              "your My Number Card.")
LOG_IN = re.compile(r"log(?:ged|ging)? ?(?:in|out)|login|logout|sign(?:ed|ing)?[ -]?(?:in|out)|session", re.I)

CATALOGS = sorted(glob.glob(os.path.join(ROOT, "translations", "*", "LC_MESSAGES", "*.po")))


def entries(path):
    with open(path, "rb") as f:
        for message in read_po(f):
            if message.id:
                msgid = message.id if isinstance(message.id, str) else message.id[0]
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in strings:
                    yield msgid, text or ""


def language(path):
    return os.path.basename(os.path.dirname(os.path.dirname(path)))


def prose(lang, text):
    for name in OFFICIAL_NAMES.get(lang, ()):
        text = text.replace(name, "")
    return re.sub(r"<[^>]*>", "", text)  # markup's own quotes are not prose


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: os.path.relpath(p, ROOT))
def test_catalog_uses_no_term_the_glossary_rules_out(path):
    lang = language(path)
    rules = [(term, instead) for code, term, instead in RULED_OUT if code == lang]
    found = [f"{term!r} (write {instead}) in {msgid!r}: {text}"
             for msgid, text in entries(path) for term, instead in rules if re.search(term, prose(lang, text))]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", [p for p in CATALOGS if language(p) == "zh"],
                         ids=lambda p: os.path.relpath(p, ROOT))
def test_chinese_登录_means_log_in_only(path):
    wrong = [f"{msgid!r}: {text}" for msgid, text in entries(path)
             if "登录" in prose("zh", text) and not LOG_IN.search(msgid)]
    assert not wrong, "\n".join(wrong)


def test_the_rules_catch_what_they_name():
    """Each rule fires on its own term (a rule that can never fail is no guard)."""
    samples = {"(?<![制防])御": "御確認"}
    for lang, term, _ in RULED_OUT:
        assert re.search(term, prose(lang, samples.get(term, f"x{term}x"))), term
    assert not re.search("(?<![制防])御", "制御文字")
    assert "・" not in prose("zh", "经营・管理") and "登录" not in prose("zh", "宣传单上写作“登录利用者信息”")


def test_the_flyers_term_for_registration_is_named_once_on_the_guidance_page():
    """Readers of the flyer find its 登录利用者信息 once, beside the interface's 用户信息注册; nowhere else."""
    term, msgid = FLYER_TERM
    where = [(os.path.basename(path), found) for path in CATALOGS if language(path) == "zh"
             for found, text in entries(path) if term in text]
    assert where == [("messages.po", msgid)]
