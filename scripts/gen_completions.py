"""Write the static shell completion scripts in ``completions/`` (shipped in the wheel).

    python scripts/gen_completions.py          # (re)write them
    python scripts/gen_completions.py --check  # exit 1 if they are out of date (CI)

The scripts hold everything a TAB needs: the commands and their options from the
app, and the values options take (formats, product ids and aliases, region ids and
aliases, request kinds, check IDs) from the app, the catalogue and the bundled
profiles. So a TAB press starts no Python process; the cost is that a new option,
profile or check needs a run of this script (CI's ``--check`` says so).

What an option's value is comes from, in order: its choices (an Enum), the
``OPTION_VALUES``/``ARGUMENT_VALUES`` tables below, its metavar (``METAVAR_VALUES``),
and otherwise nothing (free text such as a URL or a number).
"""

from __future__ import annotations

import argparse
import enum
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
for folder in (REPO, REPO / "scripts"):  # run from a checkout without installing
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from completion_shells import DIR, FILE, FREE, PROG_NAME, WRITERS, Command, Model, Param  # noqa: E402

SHELLS = ("bash", "zsh", "fish")
#: Inside the package, so a wheel carries them (``emailsec-check completion SHELL``).
FOLDER = REPO / "completions"

# Word lists built from the bundled data.
PRODUCT, REGION, KIND, CHECK = "product", "region", "kind", "check"
#: What ``explain`` takes: a check ID or prefix, or an area's name.
EXPLAINED = "explained"

#: Option (long name) -> what its value is.
OPTION_VALUES = {
    "--expect": REGION,
    "--region": REGION,
    "--product": PRODUCT,
    "--kind": KIND,
    "--template": KIND,
    "--select": CHECK,
    "--ignore": CHECK,
    "--output": FILE,
    "--config": FILE,
    "--state": FILE,
    "--ca-bundle": FILE,
    "--profiles-dir": DIR,
}
#: (command, argument name) -> what the argument is.
ARGUMENT_VALUES = {
    ("status", "products"): PRODUCT,
    ("profiles", "profile_id"): PRODUCT,
    ("explain", "check_id"): EXPLAINED,
    ("datacenter", "urls"): FREE,
}
#: Metavar -> what the value is, for options and arguments the tables do not name.
METAVAR_VALUES = {
    "PATH": FILE,
    "FILE": FILE,
    "CONFIG": FILE,
    "CONFIGURED": FILE,
    "EXPECTED": FILE,
    "DIR": DIR,
    "PRODUCT": PRODUCT,
    "REGION": REGION,
    "KIND": KIND,
    "CHECK_ID": CHECK,
}
_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")


# --------------------------------------------------------------------------- reading the app


def _first_sentence(text: str | None, limit: int = 80) -> str:
    """The help's first sentence, cut to about ``limit`` characters at a space."""
    text = " ".join((text or "").split())
    end = re.search(r"(?<=[a-z)])\.(\s|$)", text)
    text = text[: end.start()] if end else text
    if len(text) > limit:
        text = text[: text.rfind(" ", 0, limit - 3)].rstrip(",;:") + "..."
    return text


def _choices(param: Any) -> tuple[str, ...]:
    """An Enum option's values (Typer 0.29 keeps them in its descriptor; older ones in Click)."""
    descriptor = getattr(param, "type_descriptor", None)
    found = descriptor.choices if descriptor is not None else getattr(param.type, "choices", None)
    return tuple(c.value if isinstance(c, enum.Enum) else str(c) for c in found or ())


def _bare(metavar: str | None) -> str:
    return re.sub(r"[\[\]{}.<>]", "", metavar or "")


def _value(command: str, param: Any, words: dict[str, tuple[str, ...]]) -> str:
    """What ``param`` takes; a new Enum becomes a word list of its own."""
    if param.param_type_name == "option" and (param.is_flag or param.count):
        return ""
    choices = _choices(param)
    if choices:
        return _word_list(words, _bare(param.metavar).lower() or param.name, choices)
    if param.param_type_name == "option":
        long_name = max(param.opts, key=len)
        if long_name in OPTION_VALUES:
            return OPTION_VALUES[long_name]
    elif (command, param.name) in ARGUMENT_VALUES:
        return ARGUMENT_VALUES[(command, param.name)]
    return METAVAR_VALUES.get(_bare(param.metavar), FREE)


def _word_list(words: dict[str, tuple[str, ...]], name: str, values: tuple[str, ...]) -> str:
    """The name of the word list ``values``: an existing one if equal, else a new one."""
    same = [key for key, known in words.items() if known == values]
    if same:
        return same[0]
    taken = 1
    while (name if taken == 1 else f"{name}{taken}") in words:
        taken += 1
    found = name if taken == 1 else f"{name}{taken}"
    words[found] = values
    return found


def _param(command: str, param: Any, words: dict[str, tuple[str, ...]]) -> Param:
    is_option = param.param_type_name == "option"
    names = (*param.opts, *param.secondary_opts) if is_option else ()
    label = _bare(param.metavar) or param.name.upper()
    return Param(
        names=tuple(sorted(names, key=lambda n: n.startswith("--"))),
        label=label,
        help=_first_sentence(getattr(param, "help", "")),
        value=_value(command, param, words),
        repeat=bool(param.multiple if is_option else param.nargs != 1),
        required=bool(param.required),
    )


def _bundled_words() -> dict[str, tuple[str, ...]]:
    from emailsec_check import catalogue
    from emailsec_check.profiles import load_profiles

    profiles = list(load_profiles((), environ={}))
    checks = catalogue.all_checks()

    def words(items: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({item for item in items if _WORD.match(item)}))

    ids = [c.id for c in checks] + [re.sub(r"\d+$", "", c.id) for c in checks]
    return {
        PRODUCT: words(n for p in profiles for n in (p.id, *p.aliases)),
        REGION: words(n for p in profiles for r in p.regions for n in (r.id, *r.aliases)),
        KIND: words(kind.id for p in profiles for kind in p.requests),
        CHECK: words(ids),
        EXPLAINED: words(ids + [c.area.value for c in checks]),
    }


def read_model() -> Model:
    """The command line as the app declares it, with the bundled value lists."""
    import typer.main

    from emailsec_check.app import COMMANDS, app, load_commands

    load_commands()
    group = typer.main.get_command(app)
    words = _bundled_words()
    commands = []
    for name in sorted(group.commands):  # type: ignore[attr-defined]
        click_command = group.commands[name]  # type: ignore[attr-defined]
        if click_command.hidden:
            continue
        params = [p for p in click_command.params if not getattr(p, "hidden", False)]
        options = [_param(name, p, words) for p in params if p.param_type_name == "option"]
        options.append(_help_option())
        commands.append(
            Command(
                name=name,
                help=COMMANDS[name].rstrip("."),  # the line the top-level help shows
                options=tuple(options),
                arguments=tuple(
                    _param(name, p, words) for p in params if p.param_type_name == "argument"
                ),
            )
        )
    root = tuple(_param("", p, words) for p in group.params if p.param_type_name == "option")
    return Model(
        commands=tuple(commands),
        root_options=(*root, _help_option()),
        words=words,
    )


def _help_option() -> Param:
    return Param(("-h", "--help"), "", "Show the help and exit", "", False, False)


# --------------------------------------------------------------------------- files


def expected(model: Model | None = None) -> dict[Path, str]:
    """Each script's path and the text it should have."""
    model = model or read_model()
    return {FOLDER / f"{PROG_NAME}.{shell}": WRITERS[shell](model) for shell in SHELLS}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check completions/emailsec-check.*")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if out of date")
    args = parser.parse_args(argv)

    stale = []
    for path, text in expected().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            print(f"wrote {path.name}")
    if args.check and stale:
        names = ", ".join(path.name for path in stale)
        print(
            f"out of date: {names} in {FOLDER}; run python scripts/gen_completions.py",
            file=sys.stderr,
        )
        return 1
    if args.check:
        print("completions are current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
