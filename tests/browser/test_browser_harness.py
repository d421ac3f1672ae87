"""The harness's own guards work: an outside request and a console error are caught."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser


def test_outside_requests_and_console_errors_are_recorded(lab: LabPage) -> None:
    lab.page.set_content("<p>harness self-test</p>")
    # Answer the outside request locally, so nothing leaves the machine or logs a failure.
    lab.page.route("http://203.0.113.7/**", lambda route: route.fulfill(status=204, body=""))
    with lab.page.expect_console_message(lambda m: "self-test error" in m.text):
        lab.page.evaluate(
            """async () => {
                await fetch('http://203.0.113.7/never.js');
                console.error('self-test error');
            }"""
        )
    assert lab.external == ["http://203.0.113.7/never.js"], lab.external
    assert len(lab.console_errors) == 1 and "self-test error" in lab.console_errors[0]
    with pytest.raises(AssertionError, match="requests outside 127.0.0.1"):
        lab.assert_clean()
    lab.external.clear()
    lab.console_errors.clear()
    lab.assert_clean()
