"""The house plan, checked: the dependency contracts (``.importlinter``), no
oversized module, and no import hidden inside a function to dodge a cycle."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("lms", "courses", "certificates")
MAX_LINES = 400


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_no_module_is_oversized():
    oversized = []
    for path in _modules():
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES:
            oversized.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not oversized, "split these along their layers:\n" + "\n".join(oversized)


def _function_imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom):
                    module = "." * inner.level + (inner.module or "")
                    yield inner.lineno, module
                elif isinstance(inner, ast.Import):
                    for alias in inner.names:
                        yield inner.lineno, alias.name


def test_no_first_party_import_inside_a_function():
    hidden = []
    for path in _modules():
        if path.name == "apps.py":
            continue  # AppConfig.ready() connects signals, as Django asks
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for lineno, module in _function_imports(tree):
            if module.startswith(".") or module.split(".")[0] in APPS:
                hidden.append(f"{path.relative_to(ROOT)}:{lineno} {module}")
    assert not hidden, "imports inside functions:\n" + "\n".join(hidden)
