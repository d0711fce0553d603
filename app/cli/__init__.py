"""Subcommands of the command line, one module per group; each module has `register(subparsers)`."""
