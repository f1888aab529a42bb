"""The folder markers `make test-fast` selects on (tests/support/markers.py)."""

from __future__ import annotations

import pytest

from tests.support.markers import TESTS, folder_marker


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("core/test_outputs.py", "fast"),
        ("editors/test_editors_new.py", "fast"),
        ("publish/test_build.py", "site"),
        ("links/test_feeds.py", "site"),
        ("reader/test_reader_browser.py", "site"),
        ("core_extra/test_x.py", "site"),  # a new folder builds until it is named fast
        ("test_at_the_top.py", "site"),
    ],
)
def test_marker_by_folder(path: str, marker: str):
    assert folder_marker(TESTS / path) == marker


def test_outside_tests_is_site(tmp_path):
    assert folder_marker(tmp_path / "core" / "test_x.py") == "site"


def test_this_file_was_marked_fast(request: pytest.FixtureRequest):
    assert request.node.get_closest_marker("fast") is not None
    assert request.node.get_closest_marker("site") is None


def _conftest_imports_across_folders() -> list[str]:
    """Test modules importing another folder's conftest (``..x.conftest``, ``tests.x.conftest``)."""
    import ast

    found = []
    for path in sorted(TESTS.rglob("*.py")):
        folder = path.relative_to(TESTS).parts[0] if len(path.relative_to(TESTS).parts) > 1 else ""
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.module or not node.module.endswith("conftest"):
                continue
            parts = node.module.split(".")
            other = parts[-2] if len(parts) > 1 else folder  # `.conftest` is the folder's own
            if node.level > 1 or (node.level == 0 and other != folder):
                found.append(f"{path.relative_to(TESTS)}:{node.lineno}: {'.' * node.level}{node.module}")
    return found


def test_no_folder_imports_another_folders_conftest():
    # Shared helpers live in tests/support; a conftest serves its own folder only (#14 step 6).
    assert _conftest_imports_across_folders() == []
