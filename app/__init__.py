"""督办台 (Duban Desk): supervision of policy implementation plans."""
from app.project import version as _version

# The one version number lives in pyproject.toml; app/project.py finds it from source, pip or a bundle.
__version__ = _version()
