"""The warning rule of the test run (pyproject.toml, filterwarnings): a warning raised from our own
packages fails the test, one that a third-party library raises from its own modules does not."""
import warnings

import pytest


@pytest.fixture(autouse=True)
def _rule_in_force(request):
    if request.config.option.pythonwarnings:
        pytest.skip("-W on the command line takes precedence over the configured rule")


def _warn_from(module: str) -> None:
    """Raise a DeprecationWarning as code of `module` does (the warning names the caller's module)."""
    exec(compile('import warnings\nwarnings.warn("stare API", DeprecationWarning)', f"<{module}>", "exec"),
         {"__name__": module})


@pytest.mark.parametrize("module", ["intake.read", "verify", "registries.krs", "actions.cases.reading",
                                    "standins.registries", "odzysk.tools.bench", "samples.generator"])
def test_a_warning_from_our_packages_fails_the_test(module):
    with pytest.raises(DeprecationWarning, match="stare API"):
        _warn_from(module)


@pytest.mark.parametrize("module", ["starlette.testclient", "sqlalchemy.orm", "verify_tools", "odzyskx"])
def test_a_warning_from_another_package_is_only_shown(module):
    with warnings.catch_warnings(record=True) as caught:
        _warn_from(module)
    assert [str(w.message) for w in caught] == ["stare API"]
