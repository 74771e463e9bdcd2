"""Session guards for `make test`: a skipped test fails the run.

A tour is silently skipped when websocket-client is missing and an HttpCase is
skipped without --odoo-http, so a green run must prove that nothing was skipped.
"""

import pytest


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        reporter.write_line(
            f"FAILED: {skipped} test(s) were skipped; every test must run.", red=True
        )
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def odoo_current_test(request):
    """Tell Odoo which test runs, as its own runner does (``module.current_test``).

    pytest-odoo does not set it: without it mail servers are really contacted,
    and an HttpCase cannot check its test cursor.
    """
    try:
        from odoo.modules import module
    except ImportError:  # the unit tests of lib/ run without Odoo
        yield
        return
    from odoo.tests import HttpCase

    previous = module.current_test
    if not isinstance(request.instance, HttpCase):
        # An HttpCase checks its own test cursor against this value and
        # works as pytest-odoo leaves it.
        module.current_test = request.instance or True
    yield
    module.current_test = previous
