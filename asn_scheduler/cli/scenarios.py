"""``asn-scheduler scenarios``: list the shipped scenarios, or show one in full."""

from __future__ import annotations

import re
import textwrap
from typing import Any

import click

from asn_scheduler.cli.common import format_table, guarded, lang_option
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.scenario import Scenario, list_scenarios, load_scenario

_ACRONYMS = frozenset({"dki", "di", "ntb", "ntt"})
_INSTRUMENT = re.compile(r"(Surat Edaran|Peraturan) Menteri PANRB Nomor (\d+) Tahun (\d{4})")

# Which rule each parameter drives (spec/rules.md), shown beside it.
_RULE_OF = {
    "direct_service_wfo": "S1", "wfh_cap_pct": "S2", "senior_levels_wfo": "L1",
    "role_minimums": "S3", "building_capacity": "B1", "max_flex_days_per_week": "F1",
    "counts_toward_flex_cap": "F1", "eligibility": "F2-F4", "new_employee_days": "F3",
    "wfo_max": "P1", "wfh_goal": "Q0", "window": "E1", "goals": "Q0-Q4",
    "max_consecutive_wfh": "Q3", "senior_levels": "L1", "senior_rule": "L1",
}


def short_basis(basis: str) -> str:
    """``SE MenPANRB 17/2023`` / ``PermenPANRB 4/2025`` from a full legal title, else the
    title itself."""
    m = _INSTRUMENT.search(basis)
    if m is None:
        return basis
    kind = "SE MenPANRB" if m.group(1) == "Surat Edaran" else "PermenPANRB"
    return f"{kind} {m.group(2)}/{m.group(3)}"


def _dates(sc: Scenario, lang: Lang) -> str:
    if sc.window is None:
        return Msg("selalu", "always").get(lang)
    return ", ".join(f"{a.isoformat()}..{b.isoformat() if b else ''}"
                     for a, b in sc.window.ranges)


def _region(sc: Scenario, lang: Lang) -> str:
    if sc.window is None or not sc.window.regions:
        return Msg("nasional", "national").get(lang)
    return ", ".join(_province(r) for r in sorted(sc.window.regions))


def _province(name: str) -> str:
    """A normalised province name as people write it: ``dki jakarta`` → ``DKI Jakarta``."""
    return " ".join(w.upper() if w in _ACRONYMS else w.capitalize() for w in name.split())


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


def show_text(sc: Scenario, lang: Lang = "id") -> str:
    """Everything ``asn-scheduler scenarios show NAME`` prints: title, legal basis, link,
    hash, description, then every parameter of :meth:`Scenario.to_dict` (baseline
    included) as ``key = value`` with the rule it drives."""
    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    lines = [f"{sc.id} — {sc.title.get(lang)}", ""]
    head = [(L("Dasar hukum", "Legal basis"), sc.basis),
            (L("Tautan", "Link"), sc.basis_url or "-"),
            (L("Tanggal", "Dates"), _dates(sc, lang)),
            (L("Wilayah", "Region"), _region(sc, lang)),
            (L("Di luar itu", "Outside"), sc.baseline.id if sc.baseline else "kantor"),
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
        rule = next((_RULE_OF[p] for p in reversed(leaf) if p in _RULE_OF), "")
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
