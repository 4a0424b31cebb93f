"""The card helper's build copies every jpki module the helper imports, directly or through another one."""
import importlib.machinery
import importlib.util
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bin" / "helper-jpki-modules"


def _lister():
    loader = importlib.machinery.SourceFileLoader("helper_jpki_modules", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_modules_imported_through_another_are_listed(tmp_path):
    (tmp_path / "card_helper").mkdir()
    (tmp_path / "jpki").mkdir()
    (tmp_path / "card_helper" / "server.py").write_text("from jpki import first\nimport json\n")
    (tmp_path / "jpki" / "__init__.py").write_text("")
    (tmp_path / "jpki" / "first.py").write_text("from jpki.second import thing\n")
    (tmp_path / "jpki" / "second.py").write_text("import jpki.third\n")
    (tmp_path / "jpki" / "third.py").write_text("")
    (tmp_path / "jpki" / "unused.py").write_text("")
    assert _lister().needed(tmp_path) == ["jpki/__init__.py", "jpki/first.py", "jpki/second.py", "jpki/third.py"]


def test_the_real_helper_list_covers_its_imports():
    listed = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True).stdout.split()
    assert "jpki/protocol.py" in listed and "jpki/bounded_json.py" in listed
    assert "jpki/basic4.py" not in listed  # the site's card-reading module; the helper doesn't import it
