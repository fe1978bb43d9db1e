"""Write the cache of the bundled profiles (``emailsec_check/profiles/built.py``).

    python scripts/gen_profile_cache.py          # (re)write it after editing profiles/*.toml
    python scripts/gen_profile_cache.py --check  # exit 1 if it is out of date (CI)

Every command that knows products loads the bundled profiles, and parsing their TOML
(the standard library's parser is pure Python) and validating what it holds was the
largest part of that. The cache is a module that builds each bundled file's Profile,
keyed by a checksum of the file's text; this script makes each one with the loader
itself, so it holds only profiles that passed validation. The loader still reads every
file, and parses and validates from TOML any file whose text is not what the cache was
made from. So a stale cache costs speed, never correctness.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from enum import Enum
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

from emailsec_check.profiles.load import cache_key, load_profile_file  # noqa: E402
from emailsec_check.record import Record  # noqa: E402
from emailsec_check.sources.files import read_user_text  # noqa: E402

PROFILES = REPO / "profiles"
CACHE = REPO / "emailsec_check" / "profiles" / "built.py"
#: Set by the loader from where the file is found, not kept in the cache.
PER_INSTALL = {"source"}


def code(value: object, used: set[str], depth: int = 0) -> str:
    """Python source that builds ``value`` (records, enums, tuples and literals); the
    names of the classes it calls are added to ``used``."""
    pad = "    " * depth
    if isinstance(value, (Record, Enum)):
        used.add(type(value).__name__)
    if isinstance(value, Record):
        defaults = inspect.signature(type(value)).parameters
        fields = [
            f"{pad}    {name}={code(item, used, depth + 1)},\n"
            for name, item in value.as_dict().items()
            if name not in PER_INSTALL and item != defaults[name].default
        ]
        return f"{type(value).__name__}(\n{''.join(fields)}{pad})"
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, tuple):
        if not value:
            return "()"
        items = [f"{pad}    {code(item, used, depth + 1)},\n" for item in value]
        return f"(\n{''.join(items)}{pad})"
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    raise SystemExit(f"the cache cannot hold {type(value).__name__} {value!r}")


def cache_text() -> str:
    """The cache module's text for the profiles in ``profiles/`` now."""
    entries = []
    used = {"Profile"}  # named by the annotation as well
    for path in sorted(PROFILES.glob("*.toml")):
        text = read_user_text(path, what="profile")
        profile = load_profile_file(path)  # read, parsed and validated as at run time
        entries.append(f"    {path.name!r}: (\n        {cache_key(text)},\n")
        entries.append(f"        {code(profile, used, 2)},\n    ),\n")
    body = "".join(entries)
    return (
        '"""The bundled profiles as the loader builds them, keyed by a checksum of each file.\n\n'
        "Written by scripts/gen_profile_cache.py from profiles/*.toml: do not edit.\n"
        '"""\n\n'
        f"from emailsec_check.profiles.model import {', '.join(sorted(used))}\n\n"
        f"BUILT: dict[str, tuple[int, Profile]] = {{\n{body}}}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the cache is stale")
    args = parser.parse_args(argv)
    wanted = cache_text()
    current = CACHE.read_text(encoding="utf-8") if CACHE.exists() else ""
    if args.check:
        if current != wanted:
            print(f"{CACHE.relative_to(REPO)} is out of date: run {Path(__file__).name}")
            return 1
        print("profile cache is current")
        return 0
    if current != wanted:
        CACHE.write_text(wanted, encoding="utf-8")
        print(f"wrote {CACHE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
