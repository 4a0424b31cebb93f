"""Every view that makes the server verify a card token draws on a rate limit (a guard over blueprints/).

A card token check is public-key work a visitor can ask for without end; a view that reaches verify_token,
directly or through a helper of its module, must carry @card_limits() or @login_limits(...).
"""
import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
LIMITS = {"card_limits", "login_limits"}


def _called_names(function):
    return {node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            for node in ast.walk(function) if isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Name, ast.Attribute))}


def _decorator_names(function):
    names = set()
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.add(target.id if isinstance(target, ast.Name) else getattr(target, "attr", ""))
    return names


def _is_post_route(function):
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute):
            if decorator.func.attr == "post":
                return True
            if decorator.func.attr == "route" and "POST" in ast.unparse(decorator):
                return True
    return False


def unlimited_card_views(source):
    functions = {node.name: node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef)}
    reaches = {"verify_token"}
    changed = True
    while changed:  # module-local helpers that reach verify_token, to a fixed point
        changed = False
        for name, function in functions.items():
            if name not in reaches and _called_names(function) & reaches:
                reaches.add(name)
                changed = True
    return sorted(name for name, function in functions.items()
                  if _is_post_route(function) and _called_names(function) & reaches
                  and not _decorator_names(function) & LIMITS)


def test_the_guard_sees_a_view_without_a_limit():
    source = ("def _card(p):\n    return verify_token(p, 'x')\n"
              "@bp.post('/a')\n@card_limits()\ndef limited():\n    return _card('a')\n"
              "@bp.post('/b')\ndef open_view():\n    return _card('b')\n")
    assert unlimited_card_views(source) == ["open_view"]


def test_every_card_step_is_rate_limited():
    found = {str(path.relative_to(ROOT)): unlimited_card_views(path.read_text())
             for path in sorted((ROOT / "blueprints").rglob("*.py"))}
    assert {path: names for path, names in found.items() if names} == {}
