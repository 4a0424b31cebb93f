"""A production-mode app for tests: the settings production refuses to start without, with made-up values."""
OPERATOR = {
    "OPERATOR_NAME": {"ja": "例示市役所", "zh": "示例市政府", "en": "Example City Office"},
    "SERVICE_NAME": {"ja": "例示申請サービス", "zh": "示例申请服务", "en": "Example Application Service"},
    "OPERATOR_CONTACT": {"ja": "電話 00-1111-2222（平日9時～17時）", "zh": "电话 00-1111-2222（工作日9点～17点）",
                         "en": "Telephone 00-1111-2222 (weekdays 9:00 to 17:00)"},
}


def production_app(make_app, **overrides):
    # localhost too: the test client's Host (production's own default is the site origin's host alone)
    return make_app(**{"MODE": "production", "SECRET_KEY": "x" * 32, "SITE_ORIGIN": "https://ras.example.jp",
                       "TRUSTED_HOSTS": ["ras.example.jp", "localhost"], **OPERATOR, **overrides})
