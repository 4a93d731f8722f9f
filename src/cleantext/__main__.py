"""``python -m cleantext``: the ``cleantext`` command, for environments without the console script."""

from .cli import main

if __name__ == "__main__":  # importing this module (a package walk) runs nothing
    raise SystemExit(main())
