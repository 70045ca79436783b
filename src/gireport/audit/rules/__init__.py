"""The built-in rules.  Importing this package registers them."""

from . import arithmetic, structure, tables, tables_narrative  # noqa: F401
