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
