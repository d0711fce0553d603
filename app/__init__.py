"""督办台 (Duban Desk): supervision of policy implementation plans."""


def __getattr__(name: str) -> str:
    # The one version number lives in pyproject.toml; app/project.py finds it from source, pip or a bundle.
    # It is read on first use (PEP 562), not at import: reading it costs every start-up ~50 ms otherwise.
    if name == "__version__":
        from app.project import version

        value = globals()["__version__"] = version()
        return value
    raise AttributeError(f"module 'app' has no attribute {name!r}")
