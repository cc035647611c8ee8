"""``python -m lokal``: see :mod:`lokal.cli`."""

from lokal.cli import main

raise SystemExit(main())
