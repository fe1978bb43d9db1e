"""Write the parse cache of the bundled profiles (``emailsec_check/profiles/bundled.json``).

    python scripts/gen_profile_cache.py          # (re)write it after editing profiles/*.toml
    python scripts/gen_profile_cache.py --check  # exit 1 if it is out of date (CI)

Every command that knows products loads the bundled profiles, and parsing their TOML
(the standard library's parser is pure Python) was the largest part of that. The cache
holds what the parser makes of each file, keyed by a checksum of the file's text; the
loader still reads and validates every file, and parses from TOML any file the cache
does not hold as it is now. So a stale cache costs speed, never correctness.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

from emailsec_check.profiles.load import PARSED_CACHE, cache_key  # noqa: E402
from emailsec_check.sources.documents import parse_user_toml  # noqa: E402
from emailsec_check.sources.files import read_user_text  # noqa: E402

PROFILES = REPO / "profiles"


def cache_text() -> str:
    """The cache's content for the profiles in ``profiles/`` now."""
    files = {}
    for path in sorted(PROFILES.glob("*.toml")):
        text = read_user_text(path, what="profile")
        data = parse_user_toml(text, path)
        if json.loads(json.dumps(data)) != data:  # a TOML date or time has no JSON form
            raise SystemExit(f"{path.name}: holds a value JSON cannot carry")
        files[path.name] = {"key": cache_key(text), "data": data}
    note = "Written by scripts/gen_profile_cache.py from profiles/*.toml; do not edit."
    return json.dumps({"note": note, "files": files}, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the cache is stale")
    args = parser.parse_args(argv)
    wanted = cache_text()
    current = PARSED_CACHE.read_text(encoding="utf-8") if PARSED_CACHE.exists() else ""
    if args.check:
        if current != wanted:
            print(f"{PARSED_CACHE.relative_to(REPO)} is out of date: run {Path(__file__).name}")
            return 1
        print("profile cache is current")
        return 0
    if current != wanted:
        PARSED_CACHE.write_text(wanted, encoding="utf-8")
        print(f"wrote {PARSED_CACHE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
