"""Window tests run offscreen; a Qt warning fails any test (see [tool.pytest.ini_options] in pyproject.toml)."""
