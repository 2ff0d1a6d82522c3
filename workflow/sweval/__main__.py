"""``python -m sweval``: the sweval command (sweval/cli.py)."""
from .cli import main

raise SystemExit(main())
