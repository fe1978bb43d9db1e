"""Host names as registries issue them: the one rule for a registered DNS name.

Profiles name their vendors' hosts with it, and email addresses' domains are judged by it.
(What a browser's address bar accepts, underscores and all, is ``rules.urls``' business.)
"""

from __future__ import annotations

__all__ = ["is_dns_label", "is_dns_name"]

_LDH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_LDH_AND_UNDERSCORE = _LDH | {"_"}


def is_dns_label(label: str, *, underscore: bool = False) -> bool:
    """1 to 63 lower-case letters, digits and hyphens, no hyphen first or last (RFC 1123).

    ``underscore``: underscores too, which browsers and DNS accept in practice.
    """
    allowed = _LDH_AND_UNDERSCORE if underscore else _LDH
    return (
        0 < len(label) <= 63 and label[0] != "-" and label[-1] != "-" and allowed.issuperset(label)
    )


def is_dns_name(host: str, *, punycode_top: bool = False) -> bool:
    """A name as registries give them: dotted DNS labels ending in letters (``cisco.com``).

    Not an IP address and not a one-label name such as ``localhost``; lower case, as hosts
    are kept here. ``punycode_top``: the last label may also be an international
    top-level domain in its ``xn--`` form.
    """
    labels = host.split(".")
    top = labels[-1]
    return (
        len(host) <= 253
        and len(labels) >= 2
        and all(map(is_dns_label, labels))
        and ((len(top) >= 2 and top.isalpha()) or (punycode_top and top.startswith("xn--")))
    )
