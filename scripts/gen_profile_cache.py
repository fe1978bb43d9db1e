"""Write the parse cache of the bundled profiles (``emailsec_check/profiles/parsed.py``).

    python scripts/gen_profile_cache.py          # (re)write it after editing profiles/*.toml
    python scripts/gen_profile_cache.py --check  # exit 1 if it is out of date (CI)

Every command that knows products loads the bundled profiles, and parsing their TOML
(the standard library's parser is pure Python) was the largest part of that. The cache
is a module of plain literals: what the parser makes of each file, keyed by a checksum
of the file's text, loaded from its bytecode like any module. The loader still reads and
validates every file, and parses from TOML any file the cache does not hold as it is
now. So a stale cache costs speed, never correctness.
"""

from __future__ import annotations

import argparse
import pprint
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

from emailsec_check.profiles.load import cache_key  # noqa: E402
from emailsec_check.sources.documents import parse_user_toml  # noqa: E402
from emailsec_check.sources.files import read_user_text  # noqa: E402

PROFILES = REPO / "profiles"
CACHE = REPO / "emailsec_check" / "profiles" / "parsed.py"
PLAIN = (str, int, float, bool)


def _plain(value: object) -> bool:
    """Whether ``value`` is made of literals only (a TOML date would not be)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return isinstance(value, PLAIN)


def cache_text() -> str:
    """The cache module's text for the profiles in ``profiles/`` now."""
    files = {}
    for path in sorted(PROFILES.glob("*.toml")):
        text = read_user_text(path, what="profile")
        data = parse_user_toml(text, path)
        if not _plain(data):
            raise SystemExit(f"{path.name}: holds a value that is no plain literal")
        files[path.name] = {"key": cache_key(text), "data": data}
    body = pprint.pformat(files, width=100, sort_dicts=False)
    return (
        '"""The bundled profiles as the TOML parser reads them, keyed by a checksum of each.\n\n'
        "Written by scripts/gen_profile_cache.py from profiles/*.toml: do not edit.\n"
        '"""\n\n'
        "from typing import Any\n\n"
        f"FILES: dict[str, Any] = {body}\n"
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
