"""Subcommands built when a command line names them, not all of them in every process.

typer builds a group by building each of its subcommands: importing its module and turning every
parameter of its function into a click option. A run uses one subcommand; building the other ten
cost about 20 ms of every `flexcheck check`. `group(app)` is what `typer.main.get_command(app)`
returns, but each subcommand is built by the same typer function the first time it is looked up.
Listing them all (the group's help, shell completion) builds them all.
"""

from __future__ import annotations

import copy
import pkgutil
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import typer
from typer.main import get_command_from_info, get_command_name, get_group
from typer.main import get_install_completion_arguments as completion_options
from typer.models import CommandInfo


class LazyCommandInfo(CommandInfo):
    """A subcommand registered by where its function is, "module:function", imported on first use.

    typer reads `callback` only when it builds the subcommand; `name` must be given, so that the
    name is known without importing the module.
    """

    def __init__(self, name: str, target: str, **settings: Any) -> None:
        self._target = target
        self._callback: Callable[..., Any] | None = None
        super().__init__(name, **settings)

    @property
    def callback(self) -> Callable[..., Any] | None:
        if self._callback is None:
            self._callback = pkgutil.resolve_name(self._target)
        return self._callback

    @callback.setter
    def callback(self, value: Callable[..., Any] | None) -> None:
        self._callback = value


def command_name(info: CommandInfo) -> str:
    """The name typer gives the subcommand, read without importing a lazily registered one."""
    if info.name:
        return info.name
    if info.callback is None:
        raise TypeError("a subcommand is registered with its function")
    return get_command_name(info.callback.__name__)


class LazyCommands(MutableMapping[str, Any]):
    """A group's subcommands by name, in the order registered, each built on first look-up."""

    def __init__(self, infos: list[CommandInfo], build: Callable[[CommandInfo], Any]) -> None:
        self._infos = {command_name(info): info for info in infos}
        self._build = build
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self._build(self._infos[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:  # click's Group.add_command
        self._infos.setdefault(name, CommandInfo(name))
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._built.pop(name, None)

    def __contains__(self, name: object) -> bool:  # Mapping's own would build the subcommand
        return name in self._infos

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


def group(app: typer.Typer) -> Any:
    """The click group of `app`, as typer.main.get_command builds it for an app of many commands,
    with the group's own settings and options, and the subcommands in a LazyCommands."""
    bare = copy.copy(app)
    bare.registered_commands = []  # typer builds the group's own settings from the rest
    built = get_group(bare)
    built.commands = LazyCommands(
        app.registered_commands,
        lambda info: get_command_from_info(
            info,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        ),
    )
    if app._add_completion:
        built.params.extend(completion_options())
    return built
