"""``emailsec-check profiles [ID]``"""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.commands.common import profiles
from emailsec_check.commands.info_format import InfoFormat, InfoFormatOption
from emailsec_check.options import ProfilesDirOption

if TYPE_CHECKING:
    from emailsec_check.profiles import Profile, Region


@app.command("profiles")
def profiles_command(
    profile_id: Annotated[
        Optional[str],
        typer.Argument(metavar="PRODUCT", help="Show this profile in full (its id or an alias)."),
    ] = None,
    fmt: InfoFormatOption = InfoFormat.TEXT,
    as_json: Annotated[
        bool, typer.Option("--json", hidden=True, help="The same as --format json.")
    ] = False,
    profiles_dir: ProfilesDirOption = None,
) -> None:
    """The product profiles known (bundled and your own), or one in full."""
    import json

    from emailsec_check.profiles.model import as_plain_data

    as_json = as_json or fmt is InfoFormat.JSON
    known = profiles(profiles_dir)
    if profile_id is None:
        if as_json:
            typer.echo(json.dumps([_brief(p) for p in known], indent=2))
            return
        for profile in known:
            page = profile.status_page.url if profile.status_page else "no status page"
            regions = ", ".join(region.id for region in profile.regions) or "no regions"
            typer.echo(f"{profile.id}\n    {profile.name}; regions: {regions}; {page}")
        return
    chosen = known.require(profile_id)
    if as_json:
        typer.echo(json.dumps(as_plain_data(chosen), indent=2, ensure_ascii=False))
        return
    typer.echo(_describe(chosen))


def _brief(profile: "Profile") -> dict[str, object]:
    return {
        "id": profile.id,
        "name": profile.name,
        "regions": [region.id for region in profile.regions],
        "region_aliases": {region.id: list(region.aliases) for region in profile.regions},
        "status_page": profile.status_page.url if profile.status_page else None,
        "requests": [kind.id for kind in profile.requests],
        "source": profile.source,
    }


def _describe(profile: "Profile") -> str:
    lines = [f"{profile.name} ({profile.id})", f"  file: {profile.source}"]
    if profile.aliases:
        lines.append(f"  also called: {', '.join(profile.aliases)}")
    if profile.status_page:
        page = profile.status_page
        lines.append(f"  status page: {page.url} [{page.platform}, {page.confidence}]")
        if page.api_url:
            lines.append(f"    read through: {page.api_url}")
    lines.append("  regions:")
    for region in profile.regions:
        lines.extend(_region_lines(region))
    if profile.known_hosts:
        lines.append("  hosts shared by every region:")
        lines.extend(
            f"    {h.role.words:<15} {h.host} [{h.confidence}]" for h in profile.known_hosts
        )
    if profile.vendor_domains:
        lines.append(f"  vendor domains: {', '.join(profile.vendor_domains)}")
    if profile.private_cloud_note:
        lines.append(f"  private cloud: {profile.private_cloud_note}")
    lines.extend(_sign_on_lines(profile))
    for kind in profile.requests:
        lines.append(f"  request kind {kind.id}: {kind.name}")
        lines.extend(f"    - {field.label} ({field.kind})" for field in kind.fields)
    if profile.multi_region_note:
        lines.append(f"  several regions: {profile.multi_region_note}")
    lines.extend(f"  note: {note}" for note in profile.notes)
    return "\n".join(lines)


def _region_lines(region: "Region") -> list[str]:
    """A region: its names, its hosts by kind with their confidence, its status components."""
    also = f" (also: {', '.join(region.aliases)})" if region.aliases else ""
    lines = [f"    {region.id}: {region.name}{also} [{region.confidence}]"]
    for host, kind in region.hosts():
        lines.append(f"      {kind.words:<15} {host} [{region.host_confidence(host)}]")
    if region.status_components:
        lines.append(f"      status components: {', '.join(region.status_components)}")
    lines.extend(f"      note: {note}" for note in region.notes)
    return lines


def _sign_on_lines(profile: "Profile") -> list[str]:
    """The sign-on service and the rules its profile sets."""
    sign_on = profile.sign_on
    if not sign_on.service:
        return []
    rules = [
        rule
        for rule, applies in (
            (
                "Microsoft accounts need a given name and a surname",
                sign_on.microsoft_names_required,
            ),
            ("one login address per person", sign_on.one_address_per_user),
            ("log in with the primary address", sign_on.login_is_primary_address),
            (f"activate within {sign_on.activation_days} days", bool(sign_on.activation_days)),
        )
        if applies
    ]
    return [f"  sign-on: {sign_on.service}", *(f"    rule: {rule}" for rule in rules)]
