"""The test apps share compiled templates (tests/conftest.py: CompiledTemplates), so the suite compiles each
template once per process: a page rendered from code another app compiled is byte for byte the recorded page."""
import json

from app import create_app
from tests.conftest import CompiledTemplates
from tests.support.page_set import DIGESTS, PageSet, digests


def test_every_page_from_templates_another_app_compiled_renders_the_recorded_bytes(tmp_path):
    shared = CompiledTemplates()
    other = create_app({"MODE": "test", "DATABASE": str(tmp_path / "other.db")})
    other.jinja_env.bytecode_cache = shared
    for name in other.jinja_env.list_templates():
        other.jinja_env.get_template(name)
    assert len(shared.code) > 30

    app = create_app({"MODE": "test", "DATABASE": str(tmp_path / "pages.db"), "SECRET_KEY": "page-set"})
    app.jinja_env.bytecode_cache = shared
    compiled_here = []
    compile_ = app.jinja_env.compile

    def counting(source, name=None, filename=None, *args, **kwargs):
        if filename:
            compiled_here.append(name)
        return compile_(source, name, filename, *args, **kwargs)

    app.jinja_env.compile = counting
    rendered = digests(PageSet(app.config["DATABASE"], app=app))
    with open(DIGESTS, encoding="utf-8") as f:
        assert rendered == json.load(f)
    assert compiled_here == []  # every template came from the other app's compiled code
