"""The layers import downwards only: the store knows nothing of the applications, the console or the pages
above it, and the rules know neither the store nor Flask. A source scan of every module's imports (those inside
functions included: a late import climbs a layer as much as one at the top)."""
import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ABOVE = {
    "store": {"accounts", "applications", "blueprints", "console", "mail", "verification", "jpki", "app"},
    "rules": {"accounts", "applications", "blueprints", "console", "mail", "store", "verification", "flask",
              "flask_babel", "sqlite3", "sqlite_utils", "app"},
}


def imported(path):
    """The top-level package of every module `path` imports."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("layer", sorted(ABOVE))
def test_a_layer_imports_nothing_above_it(layer):
    climbing = {f"{path.relative_to(ROOT)} imports {name}" for path in (ROOT / layer).rglob("*.py")
                for name in imported(path) if name in ABOVE[layer]}
    assert not climbing, sorted(climbing)
