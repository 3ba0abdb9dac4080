"""``asn-scheduler scenarios``: list the shipped scenarios, or show one in full."""

from __future__ import annotations

import textwrap
from typing import Any

import click

from asn_scheduler.cli.common import format_table, guarded, lang_option
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.registry import rules_of_param
from asn_scheduler.scenario import Scenario, list_scenarios, load_scenario
from asn_scheduler.scenario.describe import dates_text, region_text, short_basis

# shared with the web page (asn_scheduler/scenario/describe.py)
_dates, _region = dates_text, region_text


def _chronological(sc: Scenario) -> tuple[str, str]:
    first = min((a for a, _ in sc.window.ranges), default=None) if sc.window else None
    return (first.isoformat() if first else "", sc.id)


def list_text(lang: Lang = "id") -> str:
    """The table ``asn-scheduler scenarios`` prints, oldest instrument first."""
    headers = Msg("ID|Dasar hukum|Tanggal|Wilayah|Di luar tanggal/wilayah",
                  "ID|Legal basis|Dates|Region|Outside dates/region").get(lang).split("|")
    rows = [[sc.id, short_basis(sc.basis), _dates(sc, lang), _region(sc, lang),
             sc.baseline.id if sc.baseline else "kantor"]
            for sc in sorted(list_scenarios(), key=_chronological)]
    return format_table(headers, rows)


def _value(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, list):
        return ", ".join(_value(x) for x in v) if v else "-"
    return str(v)


def _flatten(d: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, v in d.items():
        name = f"{prefix}{key}"
        if key == "ranges":
            out.append((name, ", ".join(f"{a}..{b or ''}" for a, b in v)))
        elif isinstance(v, dict):
            inner = _flatten(v, f"{name}.")
            out.extend(inner if inner else [(name, "-")])
        else:
            out.append((name, _value(v)))
    return out


def rules_carried(sc: Scenario, lang: Lang = "id") -> str:
    """The hard rules the scenario's own policy carries (C1, C2 always), and whether a
    unit's own ``Batas WFH (%)`` applies: what a replay of an old circular imposes."""
    p = sc.policy
    on = ["C1", "C2", "S1" if p.direct_service_wfo else "", "S2",
          "S3" if p.role_minimums else "", "L1" if p.senior_levels_wfo else "",
          "F1" if p.max_flex_days_per_week is not None and p.counts_toward_flex_cap else "",
          *sorted(p.eligibility),
          "B1" if p.building_capacity else "", "P1" if p.wfo_max is not None else "",
          "E1" if sc.window is not None else "", "K1" if p.office_days else ""]
    unit_cap = (Msg("Batas WFH unit berlaku", "unit WFH cap applies") if p.unit_cap_applies
                else Msg("Batas WFH unit tidak berlaku", "unit WFH cap does not apply"))
    return " ".join(r for r in on if r) + f" ({unit_cap.get(lang)})"


def show_text(sc: Scenario, lang: Lang = "id") -> str:
    """Everything ``asn-scheduler scenarios show NAME`` prints: title, legal basis, link,
    hash, description, then every parameter of :meth:`Scenario.to_dict` (baseline
    included) as ``key = value`` with the rule it drives."""
    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    lines = [f"{sc.id} — {sc.title.get(lang)}", ""]
    head = [(L("Dasar hukum", "Legal basis"), sc.basis),
            (L("Tautan", "Link"), sc.basis_url or "-"),
            *((L("Tautan lain", "Other link"), u) for u in sc.basis_url_secondary),
            (L("Tanggal", "Dates"), _dates(sc, lang)),
            *(((L("Dicabut", "Revoked"), sc.revoked.isoformat()),) if sc.revoked else ()),
            (L("Wilayah", "Region"), _region(sc, lang)),
            (L("Di luar itu", "Outside"), sc.baseline.id if sc.baseline else "kantor"),
            (L("Aturan", "Rules"), rules_carried(sc, lang)),
            ("Hash", sc.hash)]
    width = max(len(k) for k, _ in head)
    for k, v in head:
        wrapped = textwrap.wrap(v, 88 - width - 2) or [""]
        lines.append(f"{k.ljust(width)}  {wrapped[0]}")
        lines.extend(" " * (width + 2) + w for w in wrapped[1:])
    desc = sc.description.get(lang)
    if desc:
        lines += ["", *textwrap.wrap(" ".join(desc.split()), 90)]
    lines += ["", L("Parameter (aturan):", "Parameters (rule):")]
    shown = {"id", "title", "basis"}  # printed above
    params = [(k, v) for k, v in _flatten(sc.to_dict()) if k not in shown]
    kw = max(len(k) for k, _ in params)
    for key, value in params:
        leaf = key.split(".")
        # which rule each parameter drives (the rule objects' params), shown beside it
        rule = next((r for p in reversed(leaf) if (r := rules_of_param(p))), "")
        lines.append(f"  {key.ljust(kw)}  {value}" + (f"  [{rule}]" if rule else ""))
    return "\n".join(lines)


@click.group(invoke_without_command=True)
@lang_option
@click.pass_context
@guarded
def command(ctx: click.Context, lang: Lang) -> None:
    """Daftar skenario (surat edaran) yang tersedia / list the shipped scenarios.

    Without a subcommand: the list (ID, legal basis, dates, region, what applies outside).
    `show NAME` prints every parameter of one scenario.

    \b
    Example:
      asn-scheduler scenarios
      asn-scheduler scenarios show se-17-2023
      asn-scheduler scenarios show skenario-saya.toml --lang en
    """
    ctx.obj = {"lang": lang}
    if ctx.invoked_subcommand is None:
        click.echo(list_text(lang))


def _lang(ctx: click.Context, lang: Lang) -> Lang:
    """A subcommand's ``--lang``, or the group's when not given here."""
    if ctx.get_parameter_source("lang") is click.core.ParameterSource.DEFAULT and ctx.obj:
        return ctx.obj.get("lang", lang)
    return lang


@command.command("list")
@lang_option
@click.pass_context
@guarded
def list_command(ctx: click.Context, lang: Lang) -> None:
    """Daftar skenario / list the scenarios (the default).

    \b
    Example:
      asn-scheduler scenarios list --lang en
    """
    click.echo(list_text(_lang(ctx, lang)))


@command.command("show")
@click.argument("name")
@lang_option
@click.pass_context
@guarded
def show_command(ctx: click.Context, name: str, lang: Lang) -> None:
    """Semua parameter satu skenario / every parameter of one scenario.

    NAME is a scenario ID from the list, or the path of a .toml file.

    \b
    Example:
      asn-scheduler scenarios show permenpanrb-4-2025
    """
    click.echo(show_text(load_scenario(name), _lang(ctx, lang)))


def keys_text(lang: Lang = "id") -> str:
    """The table ``asn-scheduler scenarios keys`` prints: every key ``--set`` and sheet
    ``Pengaturan`` accept, the rule it drives and what it sets (generated from the
    :class:`~asn_scheduler.scenario.Policy` fields, so it cannot drift from the code)."""
    from asn_scheduler.scenario.overrides import known_keys

    headers = Msg("Kunci|Aturan|Arti", "Key|Rule|Meaning").get(lang).split("|")
    rows = [[k.key, k.rule, k.note.get(lang)] for k in known_keys()]
    foot = Msg(
        "Awali dengan baseline. untuk rezim di luar jendela skenario (mis. "
        "baseline.office_days=Senin). Kunci lembar Pengaturan juga: agency_name (Nama "
        "Instansi), sign_place, sign_title, sign_name, sign_nip.",
        "Prefix baseline. for the regime outside the scenario's window (e.g. "
        "baseline.office_days=Senin). Sheet Pengaturan also takes: agency_name (Nama "
        "Instansi), sign_place, sign_title, sign_name, sign_nip.").get(lang)
    return format_table(headers, rows, max_width=90) + "\n\n" + "\n".join(textwrap.wrap(foot, 90))


@command.command("keys")
@lang_option
@click.pass_context
@guarded
def keys_command(ctx: click.Context, lang: Lang) -> None:
    """Kunci parameter untuk --set dan lembar Pengaturan / the keys --set and sheet
    Pengaturan accept.

    \b
    Example:
      asn-scheduler scenarios keys
      asn-scheduler solve rencana.xlsx -s permenpanrb-4-2025 \\
          --set wfh_cap_pct.administrasi_pemerintahan=30 --set office_days=Senin -o jadwal.xlsx
    """
    click.echo(keys_text(_lang(ctx, lang)))
