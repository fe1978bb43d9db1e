"""Write the static shell completion scripts in ``emailsec_check/completions/``.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

PROG_NAME = "emailsec-check"
SHELLS = ("bash", "zsh", "fish")
#: Inside the package, so a wheel carries them (``emailsec-check completion SHELL``).
FOLDER = REPO / "emailsec_check" / "completions"

# Kinds of value that are not a word list.
FILE, DIR, FREE = "file", "dir", "free"
# Word lists built from the bundled data.
PRODUCT, REGION, KIND, CHECK = "product", "region", "kind", "check"

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
    ("explain", "check_id"): CHECK,
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


@dataclass(frozen=True)
class Param:
    """One option or argument, as a completion script needs it."""

    names: tuple[str, ...]  # "-f", "--format" (an argument has none)
    label: str  # FORMAT, URL
    help: str
    value: str  # FILE, DIR, FREE, a word-list name, or "" for a flag
    repeat: bool
    required: bool


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: tuple[Param, ...]
    arguments: tuple[Param, ...]


@dataclass(frozen=True)
class Model:
    """The whole command line: commands, root options, and the word lists values use."""

    commands: tuple[Command, ...]
    root_options: tuple[Param, ...]
    words: dict[str, tuple[str, ...]]


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

    return {
        PRODUCT: words(n for p in profiles for n in (p.id, *p.aliases)),
        REGION: words(n for p in profiles for r in p.regions for n in (r.id, *r.aliases)),
        KIND: words(kind.id for p in profiles for kind in p.requests),
        CHECK: words([c.id for c in checks] + [re.sub(r"\d+$", "", c.id) for c in checks]),
    }


def read_model() -> Model:
    """The command line as the app declares it, with the bundled value lists."""
    import typer.main

    from emailsec_check.app import app, load_commands

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
                help=_first_sentence(click_command.help),
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


# --------------------------------------------------------------------------- bash


def _bash_case(arms: dict[str, list[str]], *, indent: str = "        ") -> str:
    """``case`` arms: value -> the patterns that lead to it."""
    lines = []
    for value, patterns in arms.items():
        joined = "|".join(f'"{p}"' for p in patterns)
        lines.append(f"{indent}{joined}) REPLY={value} ;;")
    return "\n".join(lines)


def bash(model: Model) -> str:
    option_kinds: dict[str, list[str]] = {}
    for command in model.commands:
        for option in command.options:
            if option.value:
                patterns = option_kinds.setdefault(option.value, [])
                patterns.extend(f"{command.name} {n}" for n in option.names)
    option_lists = "\n".join(
        f'        {c.name}) REPLY="{" ".join(n for o in c.options for n in o.names)}" ;;'
        for c in model.commands
    )
    argument_arms = []
    for command in model.commands:
        if not command.arguments:
            continue
        inner = [
            f"{index}) REPLY={argument.value} ;;"
            for index, argument in enumerate(command.arguments)
            if not argument.repeat
        ]
        last = command.arguments[-1]
        inner.append(f"*) REPLY={last.value if last.repeat else ''} ;;")
        argument_arms.append(f"        {command.name}) case $2 in {' '.join(inner)} esac ;;")
    word_arms = "\n".join(
        f'        {name}) REPLY="{" ".join(values)}" ;;'
        for name, values in sorted(
            {"command": tuple(c.name for c in model.commands), **model.words}.items()
        )
    )
    root_options = " ".join(n for o in model.root_options for n in o.names)
    return _BASH.format(
        prog=PROG_NAME,
        word_arms=word_arms,
        option_kinds=_bash_case(option_kinds),
        option_lists=option_lists,
        argument_arms="\n".join(argument_arms),
        root_options=root_options,
    )


_BASH = """\
# bash completion for {prog} (generated by scripts/gen_completions.py: do not edit).
# Static: a TAB press runs no Python. Install it for your user with
#   mkdir -p ~/.local/share/bash-completion/completions
#   {prog} completion bash > ~/.local/share/bash-completion/completions/{prog}
# (needs the bash-completion package), or add to ~/.bashrc:
#   source /path/to/{prog}.bash

_emailsec_check_words() {{
    # The words one kind of value may be.
    case $1 in
{word_arms}
        *) REPLY= ;;
    esac
}}

_emailsec_check_option_value() {{
    # What option $2 of command $1 takes: a kind of value, or nothing for a flag.
    case "$1 $2" in
{option_kinds}
        *) REPLY= ;;
    esac
}}

_emailsec_check_options() {{
    case $1 in
{option_lists}
        *) REPLY= ;;
    esac
}}

_emailsec_check_argument() {{
    # What argument number $2 (from 0) of command $1 is.
    REPLY=
    case $1 in
{argument_arms}
    esac
}}

_emailsec_check_reply() {{
    # COMPREPLY from a kind of value ($1) and the word typed so far ($2).
    local IFS=$'\\n' REPLY
    case $1 in
        file|dir)
            compopt -o filenames 2>/dev/null
            if [[ $1 == dir ]]; then
                COMPREPLY=($(compgen -d -- "$2"))
            else
                COMPREPLY=($(compgen -f -- "$2"))
            fi
            ;;
        free|'') COMPREPLY=() ;;
        *)
            _emailsec_check_words "$1"
            IFS=' '
            COMPREPLY=($(compgen -W "$REPLY" -- "$2"))
            ;;
    esac
}}

_emailsec_check() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} command= word option= ended= REPLY
    local -i i=1 args=0
    COMPREPLY=()
    # Bash splits "--format=js" at "=": the option is the word before the "=".
    if [[ $cur == "=" ]] && (( COMP_CWORD >= 2 )); then
        option=${{COMP_WORDS[COMP_CWORD-1]}}
        cur=
    elif (( COMP_CWORD >= 3 )) && [[ ${{COMP_WORDS[COMP_CWORD-1]}} == "=" ]]; then
        option=${{COMP_WORDS[COMP_CWORD-2]}}
    elif (( COMP_CWORD >= 2 )); then
        option=${{COMP_WORDS[COMP_CWORD-1]}}
    fi
    while (( i < COMP_CWORD )); do
        word=${{COMP_WORDS[i]}}
        if [[ -n $ended ]]; then
            args+=1
        elif [[ $word == -- ]]; then
            ended=1
        elif [[ $word == -* ]]; then
            if [[ ${{COMP_WORDS[i+1]}} == "=" ]]; then
                i+=2
            elif [[ -n $command ]]; then
                _emailsec_check_option_value "$command" "$word"
                [[ -n $REPLY ]] && i+=1
            fi
        elif [[ -z $command ]]; then
            command=$word
        else
            args+=1
        fi
        i+=1
    done
    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "{root_options}" -- "$cur"))
        else
            _emailsec_check_reply command "$cur"
        fi
        return 0
    fi
    if [[ -z $ended && $option == -* ]]; then
        _emailsec_check_option_value "$command" "$option"
        if [[ -n $REPLY ]]; then
            _emailsec_check_reply "$REPLY" "$cur"
            return 0
        fi
    fi
    if [[ -z $ended && $cur == -* ]]; then
        _emailsec_check_options "$command"
        COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
        return 0
    fi
    _emailsec_check_argument "$command" "$args"
    _emailsec_check_reply "$REPLY" "$cur"
    return 0
}}

complete -F _emailsec_check {prog}
"""


# --------------------------------------------------------------------------- zsh


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh_help(text: str) -> str:
    return text.replace("[", "(").replace("]", ")").replace(":", ",")


def _zsh_action(value: str, words: dict[str, tuple[str, ...]]) -> str:
    if value == FILE:
        return "_files"
    if value == DIR:
        return "_files -/"
    if value in words:
        return f"({' '.join(words[value])})"
    return " "


def _zsh_option(option: Param, words: dict[str, tuple[str, ...]], indent: str) -> str:
    names = option.names
    helptext = _zsh_help(option.help)
    exclude = "" if option.repeat else f"({' '.join(names)})"
    star = "*" if option.repeat else ""
    specs = []
    for name in names:
        if option.value:
            argument = f":{option.label}:{_zsh_action(option.value, words)}"
            equals = "=" if name.startswith("--") else ""
            specs.append(_zsh_quote(f"{exclude}{star}{name}{equals}[{helptext}]{argument}"))
        else:
            specs.append(_zsh_quote(f"{exclude}{star}{name}[{helptext}]"))
    return f" \\\n{indent}".join(specs)


def _zsh_argument(index: int, argument: Param, words: dict[str, tuple[str, ...]]) -> str:
    where = "*" if argument.repeat else str(index + 1)
    optional = ":" if not argument.required and not argument.repeat else ""
    action = _zsh_action(argument.value, words)
    return _zsh_quote(f"{where}:{optional}{argument.label}:{action}")


def zsh(model: Model) -> str:
    described = "\n".join(f"        {_zsh_quote(c.name + ':' + c.help)}" for c in model.commands)
    arms = []
    for command in model.commands:
        specs = [_zsh_option(o, model.words, " " * 12) for o in command.options]
        specs += [_zsh_argument(i, a, model.words) for i, a in enumerate(command.arguments)]
        body = " \\\n            ".join(specs)
        arms.append(f"        {command.name})\n            _arguments -s \\\n            {body}")
        arms.append("            ;;")
    root = " \\\n        ".join(_zsh_option(o, model.words, " " * 8) for o in model.root_options)
    return _ZSH.format(prog=PROG_NAME, described=described, arms="\n".join(arms), root=root)


_ZSH = """\
#compdef {prog}
# zsh completion for {prog} (generated by scripts/gen_completions.py: do not edit).
# Static: a TAB press runs no Python. Install it as _{prog} in a folder on $fpath:
#   mkdir -p ~/.zfunc && {prog} completion zsh > ~/.zfunc/_{prog}
# and in ~/.zshrc, before compinit:  fpath=(~/.zfunc $fpath)

_emailsec_check_commands() {{
    local -a commands
    commands=(
{described}
    )
    _describe -t commands command commands
}}

_emailsec_check() {{
    local curcontext=$curcontext state line
    typeset -A opt_args
    _arguments -C \\
        {root} \\
        '1:command:_emailsec_check_commands' \\
        '*::argument:->argument'
    [[ $state == argument ]] || return
    case $line[1] in
{arms}
    esac
}}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _emailsec_check "$@"
else
    compdef _emailsec_check {prog}
fi
"""


# --------------------------------------------------------------------------- fish


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_value(value: str, words: dict[str, tuple[str, ...]]) -> str:
    if value == FILE:
        return "-r -F"
    if value == DIR:
        return "-x -a '(__fish_complete_directories)'"
    if value in words:
        return f"-x -a {_fish_quote(' '.join(words[value]))}"
    return "-x"


def _fish_option(condition: str, option: Param, words: dict[str, tuple[str, ...]]) -> str:
    names = " ".join(f"-l {n[2:]}" if n.startswith("--") else f"-s {n[1:]}" for n in option.names)
    value = f" {_fish_value(option.value, words)}" if option.value else ""
    helptext = f" -d {_fish_quote(option.help)}" if option.help else ""
    return f"complete -c {PROG_NAME} -n {condition} {names}{value}{helptext}"


def fish(model: Model) -> str:
    lines = [
        f"# fish completion for {PROG_NAME} (generated by scripts/gen_completions.py).",
        "# Static: a TAB press runs no Python. Install it for your user with",
        f"#   {PROG_NAME} completion fish > ~/.config/fish/completions/{PROG_NAME}.fish",
        "",
        f"complete -c {PROG_NAME} -f",
    ]
    top = "__fish_use_subcommand"
    lines += [_fish_option(top, o, model.words) for o in model.root_options]
    lines += [
        f"complete -c {PROG_NAME} -n {top} -a {c.name} -d {_fish_quote(c.help)}"
        for c in model.commands
    ]
    for command in model.commands:
        condition = _fish_quote(f"__fish_seen_subcommand_from {command.name}")
        lines.append("")
        lines += [_fish_option(condition, o, model.words) for o in command.options]
        for value in dict.fromkeys(a.value for a in command.arguments):
            if value == FILE:
                lines.append(f"complete -c {PROG_NAME} -n {condition} -F")
            elif value == DIR:
                lines.append(
                    f"complete -c {PROG_NAME} -n {condition} -a '(__fish_complete_directories)'"
                )
            elif value in model.words:
                words = _fish_quote(" ".join(model.words[value]))
                lines.append(f"complete -c {PROG_NAME} -n {condition} -a {words}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- files

WRITERS = {"bash": bash, "zsh": zsh, "fish": fish}


def expected(model: Model | None = None) -> dict[Path, str]:
    """Each script's path and the text it should have."""
    model = model or read_model()
    return {FOLDER / f"{PROG_NAME}.{shell}": WRITERS[shell](model) for shell in SHELLS}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write or check emailsec_check/completions/emailsec-check.*"
    )
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
