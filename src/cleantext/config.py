"""Project configuration: ``[tool.cleantext]`` in ``pyproject.toml`` or a ``cleantext.toml``.

Looked up like ruff/black do: from the directory the run starts in, upwards, the first directory
holding a ``cleantext.toml`` (top-level keys) or a ``pyproject.toml`` with a ``[tool.cleantext]``
table wins (``cleantext.toml`` first when both exist). The search stops after a directory that
holds ``.git``. Keys may be spelled ``kebab-case`` or ``snake_case``; an unknown key is an error
that names it. Relative paths (``lexicons``) are relative to the file's directory, and
``include``/``exclude`` globs are matched against paths relative to it.

Example::

    [tool.cleantext]
    select = ["chrome", "footer", "tail", "duplicates", "brand"]   # which filters run, in order
    allow = ["某某科技"]                  # never remove a span that touches one of these
    lexicons = ["lexicons/brands.txt"]   # extra lexicon files for the brand filter
    exclude = ["vendor/**", "*.min.html"]
    text-field = "text"                  # JSONL: the field to clean

    [tool.cleantext.filters.duplicates]  # keyword arguments of the filter's constructor
    near = 90
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

CONFIG_FILES = ("cleantext.toml", "pyproject.toml")


class ConfigError(ValueError):
    """A configuration file or option that cannot be used; the message names the file and key."""


@dataclass
class Config:
    #: Filters to run, in order: built-in names or ``module:Class`` import paths. None: the default five.
    select: list[str] | None = None
    #: Constructor keyword arguments per filter name.
    filters: dict[str, dict[str, Any]] = field(default_factory=dict)
    allow: list[str] = field(default_factory=list)
    lexicons: list[str] = field(default_factory=list)
    #: Globs a directory walk picks up (None: by extension, see ``cli``) and globs never touched.
    include: list[str] | None = None
    exclude: list[str] = field(default_factory=list)
    format: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    #: JSONL: the field a changed record's report goes into ("" for none); unused with ``--report``.
    report_field: str = "_cleantext"
    max_chars: int | None = None
    max_seconds: float | None = None
    #: How many passes over a document at most (None: the pipeline's default; 1 is fastest).
    passes: int | None = None
    #: A corpus model file (``cleantext learn``) whose learned lines and brands are removed too.
    model: str | None = None
    #: Where the settings came from, and the directory relative paths and globs are taken from.
    source: str | None = None
    root: str = "."


_LIST_OF_STR = ("select", "allow", "lexicons", "include", "exclude")
_STR = ("format", "text_field", "id_field", "report_field", "model")
_KEYS = {f.name for f in fields(Config)} - {"source", "root"}
FORMATS = ("text", "md", "html", "jsonl")


def find_config(start: Path) -> Path | None:
    """The configuration file that governs ``start`` (a directory), or None."""
    d = start.resolve()
    for cand in (d, *d.parents):
        for name in CONFIG_FILES:
            p = cand / name
            if p.is_file() and (name != "pyproject.toml" or _has_tool_table(p)):
                return p
        if (cand / ".git").exists():
            return None
    return None


def _has_tool_table(p: Path) -> bool:
    try:
        return "cleantext" in _read_toml(p).get("tool", {})
    except ConfigError:
        return True  # let load_config report the broken file


def _read_toml(p: Path) -> dict[str, Any]:
    import tomllib

    try:
        with open(p, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{p}: {e}") from None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Read ``path`` (or the file :func:`find_config` finds from ``start``); defaults when there is none."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config(root=str(Path.cwd()))  # globs are then relative to where the command runs
    data = _read_toml(path)
    prefix = ""
    if path.name == "pyproject.toml" or "tool" in data and "cleantext" in data.get("tool", {}):
        data = data.get("tool", {}).get("cleantext", {})
        prefix = "tool.cleantext."
    return from_dict(data, source=f"{path}", prefix=prefix, root=path.resolve().parent)


def from_dict(data: dict[str, Any], *, source: str = "<config>", prefix: str = "",
              root: Path | None = None) -> Config:
    """Validate a configuration table; every problem is a :class:`ConfigError` naming the key."""
    root = root or Path.cwd()
    cfg = Config(source=source, root=str(root))
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        where = f"{source}: {prefix}{raw_key}"
        if key not in _KEYS:
            raise ConfigError(f"{source}: unknown key '{prefix}{raw_key}' "
                              f"(known: {', '.join(sorted(k.replace('_', '-') for k in _KEYS))})")
        if key in _LIST_OF_STR:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: expected a list of strings")
        elif key in _STR:
            if not isinstance(value, str):
                raise ConfigError(f"{where}: expected a string")
        elif key == "filters":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: expected tables [{prefix}filters.<name>]")
            value = {name: {k.replace("-", "_"): v for k, v in opts.items()} for name, opts in value.items()}
        elif key == "max_chars":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{where}: expected a positive integer")
        elif key == "passes":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10:
                raise ConfigError(f"{where}: expected an integer from 1 to 10")
        elif key == "max_seconds":
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{where}: expected a positive number")
        if key == "format" and value not in FORMATS:
            raise ConfigError(f"{where}: expected one of {', '.join(FORMATS)}")
        if key == "lexicons":
            value = [str(root / v) for v in value]
        if key == "model":
            value = str(root / value)
        setattr(cfg, key, value)
    # the filter tables must name known filters and known options: fail now, not in a worker
    for name in cfg.filters:
        if name not in builtin_filters() and ":" not in name:
            raise ConfigError(f"{source}: unknown filter {prefix}filters.{name} "
                              f"(known: {', '.join(builtin_filters())})")
    for name in cfg.select or ():
        filter_class(name, f"{source}: {prefix}select")
    return cfg


def builtin_filters() -> dict[str, type]:
    """Built-in filter classes by name, in the default order (from :mod:`cleantext.registry`)."""
    from . import registry

    return {n: registry.filter_class(n) for n in registry.DEFAULT}


def filter_class(name: str, where: str = "select") -> type:
    """The filter class ``name`` stands for; ``where`` (``FILE: tool.cleantext.select``) starts errors."""
    from .registry import BuildError
    from .registry import filter_class as _filter_class

    try:
        return _filter_class(name)
    except BuildError as e:
        raise ConfigError(f"{where}: {e}") from None


def build_pipeline(cfg: Config):  # -> cleantext.Pipeline (imported lazily)
    """The pipeline a configuration describes (built by :func:`cleantext.registry.build`)."""
    from .registry import BuildError, build

    prefix = "tool.cleantext." if cfg.source and cfg.source.endswith("pyproject.toml") else ""
    src = cfg.source or "<config>"
    try:
        return build(cfg)
    except BuildError as e:
        raise ConfigError(f"{src}: {prefix}{e}") from None
