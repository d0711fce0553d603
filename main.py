"""督办台 entry point: `python main.py` opens the window, `python main.py SUBCOMMAND ...` is the command line."""
import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
