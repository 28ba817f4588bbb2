"""The lazily built command group is the one typer builds: same help, options, order, names."""

from __future__ import annotations

from typing import Any

import pytest
from typer.main import get_command

from flexcheck.cli import app
from flexcheck.commands import extra, lazy
from flexcheck.commands.lazy import LazyCommandInfo


def _helps(group: Any) -> dict[str, str]:
    """The group's help and each subcommand's, as `flexcheck [COMMAND] --help` prints them."""
    context = group.context_class(group, info_name="flexcheck")
    helps = {"": group.get_help(context)}
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        inner = command.context_class(command, info_name=name, parent=context)
        helps[name] = command.get_help(inner)
    return helps


def test_the_lazy_group_prints_what_typer_s_own_group_prints() -> None:
    extra.register(app)
    eager = get_command(app)
    built = lazy.group(app)
    assert list(built.commands) == list(eager.commands)  # the order of `flexcheck --help`
    assert [p.name for p in built.params] == [p.name for p in eager.params]
    assert _helps(built) == _helps(eager)


def test_a_subcommand_is_built_once_and_only_when_looked_up() -> None:
    extra.register(app)
    built = lazy.group(app)
    context = built.context_class(built, info_name="flexcheck")
    assert "demo" in built.commands  # known by name, not built
    assert built.commands._built == {}
    demo = built.get_command(context, "demo")
    assert built.get_command(context, "demo") is demo
    assert list(built.commands._built) == ["demo"]


def test_a_lazy_subcommand_imports_its_module_when_its_function_is_read() -> None:
    info = LazyCommandInfo("ghost", "flexcheck.commands.no_such_module:ghost")
    assert lazy.command_name(info) == "ghost"  # the router reads the name, not the function
    with pytest.raises(ModuleNotFoundError):
        _ = info.callback
