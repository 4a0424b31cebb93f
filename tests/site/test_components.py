"""The component library is imported without context: a macro there sees only Jinja globals and its arguments."""
import pathlib

from jinja2 import meta

COMPONENTS = pathlib.Path(__file__).resolve().parents[2] / "templates" / "macros" / "components.html"


def test_components_use_no_context_processor_variable(app):
    """A context variable (current_language, html_lang, …) is empty in an imported macro, silently."""
    with app.test_request_context("/"):
        context = {}
        for processors in app.template_context_processors.values():
            for processor in processors:
                context.update(processor())
    names = meta.find_undeclared_variables(app.jinja_env.parse(COMPONENTS.read_text()))
    leaked = sorted(name for name in names if name in context and name not in app.jinja_env.globals)
    assert not leaked, f"components.html reads context-only variables {leaked}; use a global or an argument"
