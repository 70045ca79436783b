"""Project configuration: ``gireport.toml`` or ``[tool.gireport]`` in
``pyproject.toml``.

A configuration file is found upwards from the first audited path (its
folder, then each parent): in each folder ``gireport.toml`` is read first,
then a ``pyproject.toml`` with a ``[tool.gireport]`` table; the first found
is used.  ``--config FILE`` names one explicitly, ``--no-config`` ignores
them.  Precedence: a command-line option, then the configuration file, then
gireport's default.

Keys (all optional)::

    select = ["GR2", "GR301"]        # as --select: codes, prefixes, names or families
    ignore = ["GR105"]               # as --ignore
    rounding = "half_up"             # as --rounding
    fail-on = "warning"              # as --fail-on
    lang = "en"                      # as --lang
    baseline = "baseline.json"       # as --baseline (relative to the file)

    [options.GR301]                  # rule options by code or name
    tolerance = "1"

An unknown key or a value of the wrong kind is a :class:`ConfigError`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GireportError

__all__ = ["Config", "ConfigError", "find_config", "load_config", "CONFIG_KEYS"]

#: The keys a configuration may set.
CONFIG_KEYS = ("select", "ignore", "rounding", "fail-on", "lang", "baseline", "options")


class ConfigError(GireportError):
    """A configuration file that cannot be used (unreadable TOML, an
    unknown key, a value of the wrong kind)."""

    def __init__(self, path: str, problem: str) -> None:
        self.problem = problem
        super().__init__(path, problem)


@dataclass
class Config:
    """What a configuration file sets (None: not set)."""

    path: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    rounding: str | None = None
    fail_on: str | None = None
    lang: str | None = None
    baseline: str | None = None
    options: dict[str, dict[str, Any]] = field(default_factory=dict)


def find_config(start: str | Path) -> Path | None:
    """The configuration file that applies to ``start`` (a file or folder),
    searching its folder and every parent; None when there is none."""
    p = Path(start).resolve()
    folder = p if p.is_dir() else p.parent
    for d in (folder, *folder.parents):
        g = d / "gireport.toml"
        if g.is_file():
            return g
        pp = d / "pyproject.toml"
        if pp.is_file() and _tool_table(pp) is not None:
            return pp
    return None


def _tool_table(pp: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(pp.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    tool = data.get("tool")
    table = tool.get("gireport") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _strings(path: str, key: str, v: Any) -> list[str]:
    if isinstance(v, str):
        return [x.strip() for x in v.split(",") if x.strip()]
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return [x.strip() for x in v if x.strip()]
    raise ConfigError(path, f"{key} must be a string or a list of strings")


def load_config(path: str | Path | None) -> Config:
    """Read a configuration file (``gireport.toml``, or ``pyproject.toml``'s
    ``[tool.gireport]``); an empty :class:`Config` for None."""
    if path is None:
        return Config()
    p = Path(path)
    label = str(p)
    if p.name == "pyproject.toml":
        table = _tool_table(p)
        if table is None:
            raise ConfigError(label, "no [tool.gireport] table")
    else:
        try:
            table = tomllib.loads(p.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(label, f"cannot be read ({e.strerror or e})") from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(label, f"is not valid TOML ({e})") from None
    unknown = sorted(set(table) - set(CONFIG_KEYS) - {"fail_on"})
    if unknown:
        raise ConfigError(label, f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} (known: {', '.join(CONFIG_KEYS)})")
    cfg = Config(path=label)
    if "select" in table:
        cfg.select = _strings(label, "select", table["select"])
    if "ignore" in table:
        cfg.ignore = _strings(label, "ignore", table["ignore"])
    for key, attr in (("rounding", "rounding"), ("fail-on", "fail_on"), ("fail_on", "fail_on"), ("lang", "lang"), ("baseline", "baseline")):
        if key in table:
            if not isinstance(table[key], str):
                raise ConfigError(label, f"{key} must be a string")
            setattr(cfg, attr, table[key])
    if cfg.baseline is not None and not Path(cfg.baseline).is_absolute():
        cfg.baseline = str(p.parent / cfg.baseline)
    opts = table.get("options", {})
    if not isinstance(opts, dict) or not all(isinstance(v, dict) for v in opts.values()):
        raise ConfigError(label, "options must be tables of rule options ([options.GR301])")
    cfg.options = {str(k): dict(v) for k, v in opts.items()}
    _check_values(label, cfg)
    return cfg


def _check_values(label: str, cfg: Config) -> None:
    from .audit import ROUNDING_MODES

    if cfg.rounding is not None and cfg.rounding not in ROUNDING_MODES:
        raise ConfigError(label, f"rounding must be one of {', '.join(ROUNDING_MODES)}")
    if cfg.fail_on is not None and cfg.fail_on not in ("error", "warning", "info", "never"):
        raise ConfigError(label, "fail-on must be one of error, warning, info, never")
    if cfg.lang is not None and cfg.lang not in ("zh", "en"):
        raise ConfigError(label, "lang must be zh or en")
