"""What the pages keep or write in Python for speed says exactly what the plain way said: the summary list's rows
as its Jinja loop wrote them, a section's questions as a loop of form_question wrote them, a form question's label
and the language code as the request's (or a forced) language has them, and the templates' globals as jinja2's own
ChainMap has them."""
import sys

import jinja2

from flask import render_template_string
from flask_babel import force_locale, gettext
from markupsafe import Markup, escape

from blueprints.form_questions import field_question
from i18n import current_language
from rules.forms import sections_for
from templating import LazyList, html_text

# The summary_list macro's body before summary_rows (templating.py) wrote its rows (its comment line included).
JINJA_ROWS = """{# rows: (label, value, change_href or None): the "check your answers" pattern. #}
<dl class="summary-list">
  {%- for label, value, href in rows %}
  <div class="summary-list__row">
    <dt>{{ label }}</dt>
    <dd>{{ value if value not in (none, '') else '—' }}</dd>
    {% if href %}<dd class="summary-list__action"><a href="{{ href }}">{{ _('Change') }}<span class="visually-hidden"> {{ label }}</span></a></dd>{% endif %}
  </div>
  {%- endfor %}
</dl>"""
MACRO = """{% from "macros/components.html" import summary_list %}{{ summary_list(rows) }}"""

ROWS = [
    ("Name", "<b>TARO & \"HANAKO\"</b>", "/applications/x/form/applicant?from=review#name"),
    ("O'Brien's <i>", "&amp; 'quoted' &lt;", "/x?q='1'&r=\"2\""),
    (Markup("<abbr>ID</abbr>"), None, None),
    ("Empty", "", "/x?a=1&b=2"),
    ("Zero", 0, None),
    ("Marked", Markup("<br>line"), ""),
    ("False", False, None),
]


def test_summary_rows_write_what_the_jinja_loop_wrote(app):
    for language in ("ja", "zh", "en"):
        with app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
            assert render_template_string(MACRO, rows=ROWS) == render_template_string(JINJA_ROWS, rows=ROWS)
            assert render_template_string(MACRO, rows=[]) == render_template_string(JINJA_ROWS, rows=[])


# submission/_application.html's answer macros before answer_sections (templating.py) wrote the sections.
JINJA_ANSWERS = """{% from "macros/components.html" import summary_list %}
{% macro answers(view) -%}
{%- for section in view.sections %}
{{ answer_section(section, 2) }}
{%- endfor %}
{%- endmacro %}

{% macro answers_by_page(view, level=3) -%}
{%- for page in view.pages %}
<section class="answers-page" aria-labelledby="answers-page-{{ page.name }}">
{%- if page.title %}<h{{ level }} id="answers-page-{{ page.name }}">{{ page.title }}</h{{ level }}>{% endif %}
{%- for section in page.sections %}{{ answer_section(section, level + 1 if page.title else level) }}{%- endfor %}
</section>
{%- endfor %}
{%- endmacro %}

{% macro answer_section(section, level) -%}
<h{{ level }}>{{ section.title }}</h{{ level }}>
{%- if section.rows is defined %}
{{ summary_list(section.rows) }}
{%- else %}
{%- for group in section.groups %}
<h{{ level + 1 }}>{{ _('Entry %(number)d', number=loop.index) }}</h{{ level + 1 }}>
{{ summary_list(group) }}
{%- else %}
<p>{{ _('None entered.') }}{% if section.add_href %} <a href="{{ section.add_href }}">{{ _('Change') }}<span class="visually-hidden"> {{ section.title }}</span></a>{% endif %}</p>
{%- endfor %}
{%- endif %}
{%- endmacro %}"""
SECTIONS = [
    {"name": "applicant", "title": "Applicant <&> \"'", "rows": ROWS},
    {"name": "family", "title": Markup("Family <i>in</i> Japan"), "groups": [ROWS[:2], ROWS[2:], []],
     "add_href": "/a?x=1&y=2"},
    {"name": "none", "title": "No rows & <no> link", "groups": [], "add_href": "/a/form/family?from=review#family"},
    {"name": "none-here", "title": "Nothing", "groups": [], "add_href": None},
    {"name": "empty", "title": "", "rows": []},
]


def test_answer_sections_write_what_the_answer_macros_wrote(app):
    view = {"sections": SECTIONS, "pages": [{"name": "p1", "title": "Page <1>", "sections": SECTIONS[:3]},
                                            {"name": "other", "title": None, "sections": SECTIONS[3:]}]}
    ours = '{% import "submission/_application.html" as shown %}'
    theirs = '{% import "test-answers.html" as shown %}'
    calls = "{{ shown.answers(view) }}|{{ shown.answers_by_page(view) }}|{{ shown.answers_by_page(view, 2) }}"
    loader = app.jinja_env.loader
    app.jinja_env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"test-answers.html": JINJA_ANSWERS}), loader])
    try:
        for language in ("ja", "zh", "en"):
            with app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
                written = render_template_string(ours + calls, view=view)
                assert written == render_template_string(theirs + calls, view=view)
                assert written.count("<dl") == 15 and written.count("<p>") == 6  # every kind of section, each call
    finally:
        app.jinja_env.loader = loader


def test_form_questions_write_what_a_loop_of_form_question_wrote(app):
    sections = sections_for((3, 6), "engineer_specialist")
    for language in ("ja", "zh", "en"):
        with app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
            questions = [field_question(section, field, f"{section.name}-{field.name}", "<x & \"y\">", None, {},
                                        f"/applications/a&b/check/{field.name}" if i % 2 else None)
                         for section in sections for i, field in enumerate(section.fields)]
            kinds = {q["kind"] for q in questions}
            assert {"country", "choice", "yes_no", "date", "text"} <= kinds, kinds
            unhashable = dict(questions[0], choices=[["a", "A"], ["b", "<B>"]], kind="choice")  # rendered uncached
            questions.append(unhashable)
            loop = "{% for q in qs %}{{ form_question(q) }}{% endfor %}"
            assert render_template_string("{{ form_questions(qs) }}", qs=questions) == \
                render_template_string(loop, qs=questions)
            assert render_template_string("{{ form_questions(qs) }}", qs=[]) == ""


# applications/_fields.html's `section` macro and the components' `repeatable_rows` before form_sections
# (templating.py) wrote the sections.
JINJA_SECTIONS = """{% macro section(s, row_action_form=None) -%}
<fieldset class="form-section" id="{{ s.name }}">
  <legend class="form-section__title">{{ s.title }}</legend>
  {%- if s.rows is defined %}
  {% call(row, index) repeatable_rows(s.name, s.rows, s.max_rows, error=s.error) %}
    {{- form_questions(row) }}
  {% endcall %}
  {%- else %}
  {{- form_questions(s.questions) }}
  {%- endif %}
</fieldset>
{%- endmacro -%}
{% macro repeatable_rows(name, rows, max_rows, error=None) -%}
{# Rows of the same questions (family in Japan): each row has a remove button, and an add button
   follows while there is room. The buttons post the form, so they work without script. #}
<div class="rows" id="{{ name }}-rows">
  {% if error %}<p class="field__error" id="{{ name }}-error"><span class="visually-hidden">{{ _('Error:') }}</span> {{ error }}</p>{% endif %}
  {%- for row in rows %}
  <fieldset class="rows__row" id="{{ name }}-{{ loop.index0 }}">
    <legend class="rows__title">{{ _('Row %(number)d', number=loop.index) }}</legend>
    {{ caller(row, loop.index0) }}
    <button type="submit" class="button button--secondary" name="action" value="remove:{{ name }}:{{ loop.index0 }}" formnovalidate>{{ _('Remove row %(number)d', number=loop.index) }}</button>
  </fieldset>
  {%- else %}
  <p class="rows__empty">{{ _('No rows yet.') }}</p>
  {%- endfor %}
  {%- if rows|length < max_rows %}
  <p><button type="submit" class="button button--secondary" name="action" value="add:{{ name }}" formnovalidate>{{ _('Add a row') }}</button>
  <span class="field__hint">{{ _('At most %(max)d rows.', max=max_rows) }}</span></p>
  {%- else %}
  <p class="field__hint">{{ _('You have entered the most rows the form allows (%(max)d).', max=max_rows) }}</p>
  {%- endif %}
</div>
{%- endmacro -%}
{%- for s in sections %}{{ section(s) }}{% endfor %}"""


def test_form_sections_write_what_the_section_macro_wrote(app):
    sections = sections_for((3, 6), "engineer_specialist")
    for language in ("ja", "zh", "en"):
        with app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
            questions = [[field_question(section, field, f"{section.name}-{field.name}", "<x & \"y\">", None, {}, None)
                          for field in section.fields] for section in sections]
            shown = [
                {"name": "applicant", "title": "Applicant <&>", "questions": questions[0]},
                {"name": "family<&>", "title": Markup("Family <i>in</i> Japan"), "rows": [questions[1][:3],
                 questions[2][:2]], "max_rows": 2, "error": "Too many & <many>"},
                {"name": "family", "title": "Family", "rows": [questions[1][:2]], "max_rows": 6, "error": None},
                {"name": "empty", "title": "", "rows": [], "max_rows": 6, "error": Markup("<b>marked</b>")},
                {"name": "none", "title": "No questions", "questions": []},
            ]
            written = render_template_string("{{ form_sections(sections) }}", sections=shown)
            assert written == render_template_string(JINJA_SECTIONS, sections=shown)
            assert written.count('<fieldset class="form-section"') == 5 and written.count("rows__row") == 3
            assert render_template_string("{{ form_sections(sections) }}", sections=[]) == ""


def test_an_import_compares_the_globals_without_a_call_per_global(app):
    env = app.jinja_env
    imported = env.get_template("macros/components.html")
    importing = env.from_string('{% from "macros/components.html" import summary_list %}{{ late() }}')
    context = importing.new_context({})
    module = imported._get_default_module(context)  # made once, then kept
    calls = []

    def count(_frame, event, _arg):
        if event == "call":
            calls.append(1)
    sys.setprofile(count)
    try:
        assert imported._get_default_module(context) is module
    finally:
        sys.setprofile(None)
    assert len(env.globals) > 20 and len(calls) < 10, len(calls)  # jinja2's plain ChainMap: three calls a global
    # still jinja2's globals: a template's own over the environment's, a global added later seen by loaded templates
    own = env.from_string("{{ mine }} {{ range(2)|list }}", globals={"mine": "own"})
    assert set(own.globals.keys()) == set(env.globals) | {"mine"} and own.globals["mine"] == "own"
    shadowing = env.from_string("{{ range }}", globals={"range": "own range"})
    assert shadowing.globals["range"] == "own range" and own.globals["range"] is env.globals["range"]
    try:
        own.globals["no such global"]
    except KeyError:
        pass
    else:
        raise AssertionError("a missing global was found")
    assert own.globals.get("no such global", "default") == "default"
    with app.test_request_context("/"):
        env.globals["late"] = lambda: "late global"
        try:
            assert importing.render() == "late global" and own.render() == "own [0, 1]"
        finally:
            del env.globals["late"]


def test_html_text_is_markupsafe_escape_as_text():
    for value in ("", "plain", "山田　太郎", "<a href='x' title=\"y\">&amp;</a>", Markup("<b>kept</b>"), 0, 12.5, False,
                  None, "\u3000&\t<>'\""):
        assert html_text(value) == str(escape(value)) and isinstance(html_text(value), str)


def _yes_no_question():
    for section in sections_for((3,), "engineer_specialist"):
        for field in section.fields:
            if field.kind == "yes_no":
                return section, field
    raise AssertionError("no yes/no question on the extension's form")


def test_a_question_is_in_the_language_of_the_moment_forced_or_not(app):
    section, field = _yes_no_question()

    def ask():
        q = field_question(section, field, field.name, "", None, {}, None)
        return q["label"], q["choices"]

    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        english = ask()
        assert english[1] == (("yes", "Yes"), ("no", "No"))
        with force_locale("ja"):
            japanese = ask()
            assert japanese == ask()  # kept, and still Japanese
            assert japanese[1] == (("yes", gettext("Yes")), ("no", gettext("No"))) == (("yes", "はい"), ("no", "いいえ"))
            assert japanese[0] != english[0]
        assert ask() == english
    with app.test_request_context("/", headers={"Cookie": "lang=zh"}):
        assert ask()[1] == (("yes", "是"), ("no", "否"))


def test_the_language_code_follows_force_locale_even_before_the_request_chose_one(app):
    with app.test_request_context("/", headers={"Cookie": "lang=zh"}):
        with force_locale("ja"):  # the request's own language not resolved yet: restored to "not chosen" after
            assert current_language() == "ja"
        assert current_language() == "zh"
        with force_locale("en"):
            assert current_language() == "en"
        assert current_language() == "zh"


# (source, variables) each rendered with the app's _() and gettext() and with jinja2's own newstyle gettext.
GETTEXT_CASES = [
    ("{{ _('Log out') }}", {}),
    ("{{ gettext('Log out') }}", {}),
    ("{{ _('100%% sure & <b>bold</b>') }}", {}),
    ("{{ _('%(name)s & %(count)d items', name=who, count=3) }}", {"who": "<i>O'Brien & co</i>"}),
    ("{{ _('%(name)s', name=marked) }}", {"marked": Markup("<br>")}),
    ("{% autoescape false %}{{ _('%(name)s <%%>', name=who) }}{% endautoescape %}", {"who": "<i>"}),
    ("{{ (_('Log out') ~ '<x>') }}", {}),
]


def test_templates_gettext_writes_what_jinjas_newstyle_gettext_wrote(app):
    import jinja2.ext

    import i18n
    for language in ("ja", "zh", "en"):
        with app.test_request_context("/"), force_locale(language):
            shortcut = [render_template_string(source, **values) for source, values in GETTEXT_CASES]
            env = app.jinja_env
            saved = env.globals["_"], env.globals["gettext"]
            env.globals["_"] = jinja2.ext._gettext_alias
            env.globals["gettext"] = jinja2.ext._make_new_gettext(lambda s: i18n.translations().ugettext(s))
            try:
                plain = [render_template_string(source, **values) for source, values in GETTEXT_CASES]
            finally:
                env.globals["_"], env.globals["gettext"] = saved
            assert shortcut == plain
            assert shortcut[0] == gettext("Log out")


def test_a_lazy_list_is_made_once_and_only_when_read(app):
    made = []

    def make():
        made.append(1)
        return [("a", "<A>"), ("b", "B")]
    kept, unread = LazyList(make), LazyList(make)
    assert made == []
    assert list(kept) == [("a", "<A>"), ("b", "B")] and kept[0][0] == "a" and len(kept) == 2 and kept
    assert made == [1]
    with app.test_request_context("/"):  # as the templates read it: a loop, an index, a length, a filter
        source = "{% for c, t in xs %}{{ c }}={{ t }};{% endfor %}{{ xs[1][1] }}{{ xs|length }}{{ xs|list|length }}"
        assert render_template_string(source, xs=kept) == render_template_string(source, xs=list(kept))
        assert render_template_string("{{ 1 if ys is defined }}", ys=unread) == "1"
    assert made == [1]
