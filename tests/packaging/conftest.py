"""The `packaging` marker: tests of the built standalone app (skipped until packaging/build.sh has run)."""


def pytest_configure(config):
    config.addinivalue_line("markers", "packaging: needs the standalone app built by packaging/build.sh")
