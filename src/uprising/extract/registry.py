"""Named extraction components, registered by a decorator (spaCy's registries).

Built-in components register with the same decorator that outside packages use through the
entry-point group ``uprising.components``, so the public extension point is exercised every day.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points

from uprising.extract.analysis import Analysis

__all__ = ["Component", "ComponentFunc", "component", "get_component", "known_components"]

LOGGER = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "uprising.components"

ComponentFunc = Callable[[Analysis], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Component:
    """A step of the pipeline: what it needs, what it adds, and the function that does it."""

    name: str
    func: ComponentFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


_REGISTRY: dict[str, Component] = {}
_entry_points_loaded = False


def component(
    name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
) -> Callable[[ComponentFunc], ComponentFunc]:
    """Register `func` as the component `name`.

    `requires` and `assigns` name attributes of the Analysis ("numbers", "places", ...); the
    pipeline checks before any document runs that every requirement is assigned earlier.
    """

    def register(func: ComponentFunc) -> ComponentFunc:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise ValueError(f"component {name!r} is registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = Component(
            name=name, func=func, requires=requires, assigns=assigns, doc=doc[0] if doc else ""
        )
        return func

    return register


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            point.load()
        except Exception:  # a broken plug-in must not take the built-ins down with it
            LOGGER.exception("could not load component plug-in %s", point.name)


def known_components() -> dict[str, Component]:
    """Every registered component, built-in and from plug-ins."""
    _load_entry_points()
    return dict(_REGISTRY)


def get_component(name: str) -> Component:
    known = known_components()
    if name not in known:
        from uprising.errors import PipelineError

        raise PipelineError(
            f"unknown component {name!r}; known components: {', '.join(sorted(known))}"
        )
    return known[name]
