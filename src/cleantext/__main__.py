"""``python -m cleantext``: the ``cleantext`` command, for environments without the console script."""

from .cli import main

raise SystemExit(main())
