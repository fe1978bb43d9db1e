"""Any profile file, however broken, loads or is an InputError naming the file: never a crash."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emailsec_check.errors import InputError
from emailsec_check.profiles import Profile, ProfileSet, load_profile_file
from tests.test_profiles_regions import BASE

BUNDLED = Path(__file__).parent.parent / "profiles"
TEXTS = [BASE] + [path.read_text(encoding="utf-8") for path in sorted(BUNDLED.glob("*.toml"))]

# Values a hand-edited profile might end up with in place of the right one.
_VALUES = st.sampled_from(
    ['""', '"*"', "3", "-1", "true", "[]", '["x"]', "[1, 2]", "{}", '{ "a" = 1 }', '"EU"',
     '"console.amp.cisco.com"', '"https://x.example"', '"uncertain"', '"sure"', "1e999",
     '"\\u202e"', '["eu", "EU"]', '{ "console.one.acme.example" = "3rd" }']
)  # fmt: skip


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, str]:
    text = draw(st.sampled_from(TEXTS))
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        where = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "copy", "value", "chars"]))
        line = lines[where]
        if action == "drop":
            del lines[where]
        elif action == "copy":
            lines.insert(draw(st.integers(0, len(lines))), line)
        elif action == "value" and "=" in line:
            lines[where] = line.split("=", 1)[0] + "= " + draw(_VALUES)
        else:
            lines[where] = draw(st.text(max_size=40))
    first = next((line for line in lines if line.startswith("id = ")), 'id = "acme-cloud"')
    stem = first.split("=", 1)[1].strip().strip('"') or "acme-cloud"
    return "\n".join(lines) + "\n", stem


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_a_mangled_profile_loads_or_is_an_input_error(case: tuple[str, str]) -> None:
    text, stem = case
    with tempfile.TemporaryDirectory() as folder:
        name = stem if stem.replace("-", "").isalnum() and stem.isascii() else "acme-cloud"
        path = Path(folder) / f"{name}.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            profile = load_profile_file(path)
        except InputError as error:
            assert error.path == str(path)
            assert "\n" not in str(error)
            return
        assert isinstance(profile, Profile)
        with contextlib.suppress(InputError):  # a host claimed twice is one too
            ProfileSet([profile])
