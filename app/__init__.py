"""督办台 (Duban Desk): supervision of policy implementation plans."""
from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("duban-desk")
except _metadata.PackageNotFoundError:  # running from a source tree that was not pip-installed
    __version__ = "0.1.0"
