"""`mb flags`: see and switch feature flags from a shell, as the system page does (audited)."""

import argparse
import asyncio
import sys

from mb.config import Settings
from mb.domain.errors import DomainError
from mb.domain.model.flags import Flag

STATES = {"on": True, "off": False}


def add_flags_command(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    flags = sub.add_parser("flags", help="list feature flags, or switch one for everyone now")
    flags.add_argument("action", nargs="?", choices=("list", "set", "reset"), default="list")
    flags.add_argument("name", nargs="?", help="the flag: " + ", ".join(flag.value for flag in Flag))
    flags.add_argument("state", nargs="?", help="on or off (with set)")
    flags.set_defaults(handler=flags_command)


def flags_command(settings: Settings, args: argparse.Namespace) -> int:
    if (problem := _problem(args)) is not None:
        print(f"mb: {problem}", file=sys.stderr)
        return 2
    if args.action == "list":
        return asyncio.run(_list(settings))
    enabled = STATES[args.state] if args.action == "set" else None
    return asyncio.run(_change(settings, Flag(args.name), enabled))


def _problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the command as typed, in one line; None when nothing is."""
    if args.action == "list":
        return "`mb flags list` takes nothing more." if args.name or args.state else None
    if args.name not in {flag.value for flag in Flag}:
        known = ", ".join(flag.value for flag in Flag)
        return f"unknown flag {args.name!r}; the flags are {known}."
    if args.action == "set" and args.state not in STATES:
        return f"say on or off: `mb flags set {args.name} on`."
    if args.action == "reset" and args.state:
        return f"`mb flags reset {args.name}` takes no state."
    return None


async def _list(settings: Settings) -> int:
    from mb.bootstrap import build_services

    services = build_services(settings)
    try:
        states = await services.flags.states()
    except DomainError as error:
        return _refuse(error.message, code=1)
    finally:
        await services.aclose()
    for state in states:
        source = "set by an admin" if state.overridden else "default"
        print(f"{state.name.value:<22} {'on' if state.enabled else 'off':<4} ({source})")
    return 0


async def _change(settings: Settings, flag: Flag, enabled: bool | None) -> int:
    from mb.bootstrap import build_services

    services = build_services(settings)
    try:
        if enabled is None:
            await services.flags.reset(None, flag)
        else:
            await services.flags.set(None, flag, enabled)
        now = await services.flags.is_enabled(flag)
    except DomainError as error:
        return _refuse(error.message, code=1)
    finally:
        await services.aclose()
    how = "following its default" if enabled is None else "set for everyone"
    print(f"{flag.value} is {'on' if now else 'off'} ({how}); recorded in the audit log.")
    return 0


def _refuse(message: str, code: int) -> int:
    print(f"mb: {message}", file=sys.stderr)
    return code
