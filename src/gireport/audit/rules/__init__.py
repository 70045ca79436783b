"""The built-in rules.  Importing this package registers them."""

from . import arithmetic, structure  # noqa: F401
