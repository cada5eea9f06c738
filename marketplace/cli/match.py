"""`flask match refresh|studios|scenarios|evaluate`: matching from the command line.

The JSON output (keys and shapes) is a contract other tools rely on; see `--help` of each command.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

import click
from flask.cli import with_appcontext

from marketplace.services.common.service_errors import NotFound
from matching.encoder import ModelUnavailable

ALL = "all"


def _queries(file) -> list:
    """Parse a JSON Lines file of {"id", "text", "title"?}; every bad line is named."""
    from marketplace.services.matching.live_queries import Query

    queries, problems, seen = [], [], set()
    for number, line in enumerate(file, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {number}: must be a JSON object")
            continue
        qid, text, title = obj.get("id"), obj.get("text"), obj.get("title", "")
        bad = []
        if not isinstance(qid, str | int) or isinstance(qid, bool) or str(qid) == "":
            bad.append("'id' must be a non-empty string or number")
        elif str(qid) in seen:
            bad.append(f"'id' {qid!r} appears twice")
        if not isinstance(text, str) or not text.strip():
            bad.append("'text' must be a non-empty string")
        if title is not None and not isinstance(title, str):
            bad.append("'title' must be a string")
        if bad:
            problems.extend(f"line {number}: {b}" for b in bad)
            continue
        seen.add(str(qid))
        queries.append(Query(id=str(qid), text=text.strip(), title=title or ""))
    if problems:
        shown = "\n".join(problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise click.ClickException(f"{file.name}: nothing matched; fix these lines:\n{shown}{more}")
    if not queries:
        raise click.ClickException(f"{file.name}: no queries in the file")
    return queries


def _run(work: Callable[[], dict]) -> dict:
    """Run matching work, turning a missing model or an unknown id into a clear CLI error."""
    try:
        return work()
    except ModelUnavailable as exc:
        raise click.ClickException(f"matching is unavailable: {exc}") from exc
    except NotFound as exc:
        raise click.ClickException(str(exc)) from exc


def _print_lines(results: dict) -> None:
    for key, items in results.items():
        click.echo(json.dumps({"id": key, "results": items}, ensure_ascii=False))


def _print_table(items: list[dict], label: Callable[[dict], str]) -> None:
    if not items:
        click.echo("No results (no listed studio has a capability statement yet?).")
    for rank, item in enumerate(items, start=1):
        click.echo(f"{rank:>3}. {label(item)}  score {item['score']:+.2f}")
        for reason in item["reasons"]:
            click.echo(f"       - {reason}")


def _one_of(**given) -> None:
    named = [f"--{k}" for k, v in given.items() if v is not None]
    if len(named) != 1:
        options = " | ".join(f"--{k}" for k in given)
        raise click.UsageError(f"give exactly one of {options} (got {len(named) or 'none'})")


def bring_up_to_date() -> None:
    """For `flask init`: refresh matching when some studio's vectors or lists are missing.

    A fresh install has no studios, so this costs nothing there; after an upgrade it encodes
    once. A missing model is reported, not fatal: the site runs and pages show a notice.
    """
    from marketplace.services.matching import store

    if not store.matchable_studios():
        return click.echo("Matching: no studio profiles yet.")
    from marketplace.services.matching import matches

    try:
        if not matches.refresh_needed():
            return click.echo("Matching up to date.")
        report = matches.refresh()
    except ModelUnavailable as exc:
        return click.echo(
            f"warning: matching is unavailable ({exc}); run `flask match refresh` once it is "
            "fixed.",
            err=True,
        )
    click.echo(f"Matching refreshed: {report.encoded} profiles encoded, {report.reused} reused.")


@click.group("match")
def match_group() -> None:
    """Studio↔scenario matching: refresh stored results, query, evaluate."""


@match_group.command("refresh")
@with_appcontext
def refresh_command() -> None:
    """Bring every vector and stored recommendation up to date (encodes only what changed)."""
    from marketplace.services.matching import matches, store

    studios = len(store.matchable_studios())
    scenarios = len(store.catalogue_docs()["scenarios"])
    started = time.perf_counter()
    try:
        with click.progressbar(
            length=2 * (studios + scenarios), label="Matching", file=sys.stderr
        ) as bar:
            report = matches.refresh(progress=bar.update)
        from marketplace.services.matching import need_matches

        need_lists, _ = need_matches.refresh_all()
    except ModelUnavailable as exc:
        raise click.ClickException(f"matching is unavailable: {exc}") from exc
    click.echo(
        f"Matching up to date in {time.perf_counter() - started:.1f} s: "
        f"{report.encoded} profiles encoded, {report.reused} reused; "
        f"{report.scenario_lists} studio recommendations for {scenarios} scenarios, "
        f"{report.studio_lists} scenario recommendations for {studios} studios; "
        f"{need_lists} open needs matched."
    )


@match_group.command("studios")
@click.option("--text", help="A brief to match, e.g. a manufacturer's need.")
@click.option("--scenario", help=f"A scenario code, or '{ALL}' for every scenario (JSON Lines).")
@click.option("--queries", type=click.File("r", encoding="utf-8"), help="JSON Lines: id, text.")
@click.option("--need", help=f"A need's ref, or '{ALL}' for every need (JSON Lines); adds 'fit'.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (best first).")
@with_appcontext
def studios_command(text, scenario, queries, need, top, as_json) -> None:
    """Listed studios that fit a text, a scenario, or each line of a queries file.

    \b
    --json prints [{"ref", "studio_id", "name", "score", "reasons"}, ...], best first.
    --scenario all, --need all and --queries print one {"id": ..., "results": [...]} per line.
    --need results also carry "fit" ("strong"/"good"/"possible") and stop where the fit ends.
    """
    from marketplace.services.matching import live_queries

    _one_of(text=text, scenario=scenario, queries=queries, need=need)
    if need is not None:
        return _studios_for_need(need.strip(), top, as_json)
    if queries is not None:
        batch = _queries(queries)
        return _print_lines(_run(lambda: live_queries.studios_for_texts(batch, top)))
    if scenario is not None and scenario.lower() == ALL:
        return _print_lines(
            _run(lambda: live_queries.studios_for_scenarios(live_queries.scenario_codes(), top))
        )
    if scenario is not None:
        code = scenario.strip().upper()
        items = _run(lambda: live_queries.studios_for_scenarios([code], top))[code]
    else:
        if not text.strip():
            raise click.UsageError("--text must not be empty")
        items = _run(
            lambda: live_queries.studios_for_texts([live_queries.Query("text", text.strip())], top)
        )["text"]
    if as_json:
        return click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    _print_table(items, lambda i: f"{i['name']} [{i['ref']}, /studios/{i['studio_id']}]")


@match_group.command("scenarios")
@click.option("--text", help="A studio's description to match.")
@click.option("--studio", help="A studio's ref.")
@click.option("--queries", type=click.File("r", encoding="utf-8"), help="JSON Lines: id, text.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (best first).")
@with_appcontext
def scenarios_command(text, studio, queries, top, as_json) -> None:
    """Scenarios that fit a text, a studio, or each line of a queries file.

    \b
    --json prints [{"code", "title", "score", "reasons"}, ...], best first.
    --queries prints one {"id": ..., "results": [...]} per line.
    """
    from marketplace.services.matching import live_queries

    _one_of(text=text, studio=studio, queries=queries)
    if queries is not None:
        batch = _queries(queries)
        return _print_lines(_run(lambda: live_queries.scenarios_for_texts(batch, top)))
    if studio is not None:
        items = _run(lambda: live_queries.scenarios_for_studios([studio.strip()], top))[
            studio.strip()
        ]
    else:
        if not text.strip():
            raise click.UsageError("--text must not be empty")
        items = _run(
            lambda: live_queries.scenarios_for_texts(
                [live_queries.Query("text", text.strip())], top
            )
        )["text"]
    if as_json:
        return click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    _print_table(items, lambda i: f"{i['code']} {i['title']}")


def _read_labelled(path: str | None, what: str) -> list:
    """A labelled JSON Lines file, or a clear error naming it."""
    from matching.evaluate import read_jsonl

    if path is None:
        return []
    try:
        return read_jsonl(path)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {what} file {path}: {exc}") from exc


def _studios_for_need(ref: str, top: int, as_json: bool) -> None:
    from marketplace.services.matching import need_queries

    if ref.lower() == ALL:
        refs = need_queries.need_refs()
        if not refs:
            raise click.ClickException("there are no needs to match")
        return _print_lines(_run(lambda: need_queries.studios_for_needs(refs, top)))
    items = _run(lambda: need_queries.studios_for_needs([ref], top))[ref]
    if as_json:
        return click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    _print_table(items, lambda i: f"{i['name']} [{i['ref']}, {i['fit'] or 'fit not graded'}]")


@match_group.command("needs")
@click.option("--studio", required=True, help="A studio's ref.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (best first).")
@with_appcontext
def needs_command(studio, top, as_json) -> None:
    """Needs open for bids that fit a studio.

    \b
    --json prints [{"ref", "title", "score", "fit", "reasons"}, ...], best first; the list
    stops where the fit ends.
    """
    from marketplace.services.matching import need_queries

    ref = studio.strip()
    items = _run(lambda: need_queries.needs_for_studios([ref], top))[ref]
    if as_json:
        return click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    if not items:
        return click.echo("No open need fits this studio.")
    _print_table(items, lambda i: f"{i['title']} [{i['ref']}, {i['fit'] or 'fit not graded'}]")


@match_group.command("evaluate")
@click.option("--studios", "studios_file", required=True, type=click.Path(exists=True))
@click.option("--needs", "needs_file", required=True, type=click.Path(exists=True))
@click.option(
    "--zh-needs", "zh_needs_file", type=click.Path(exists=True),
    help="Needs written in Chinese, same ids and labels as --needs "
    "(e.g. tests/data/dev_needs_zh.jsonl).",
)  # fmt: skip
@click.option(
    "--zh-studios", "zh_studios_file", type=click.Path(exists=True),
    help="Studios written in Chinese, same ids and labels as in --studios.",
)  # fmt: skip
@click.option(
    "--graded", "graded_dir", type=click.Path(exists=True, file_okay=False),
    help="Folder of the graded set (needs, studios, judgments; default tests/data/graded when "
    "it exists): its test-half figures are printed first.",
)  # fmt: skip
@with_appcontext
def evaluate_command(studios_file, needs_file, zh_needs_file, zh_studios_file, graded_dir) -> None:
    """Graded nDCG@10 and recall@5 on the test half of the graded set first: the app's own ranking
    (Matcher.rank, frozen weights chosen on the tune half) vs plain cosine per language pair, with
    ratios × cosine and × en→en (then any holdout split, then the tune half), then the
    label-based figures: nDCG@10 need→studio, studio→need, studio→scenario vs same-run TF-IDF
    and cosine.

    Files are JSON Lines with id, text (needs: title too) and the labels industries/industry
    and disciplines; the system sees only the texts. Scenarios come from the catalogue. Also
    prints the precision of each fit level, and with --zh-needs/--zh-studios the nDCG@10 of the
    Chinese texts over the English candidates next to their English originals, and the ratios.
    """
    from marketplace.services.matching import store
    from marketplace.services.matching.encoding import encoder
    from matching.evaluate import evaluate, format_fit, format_report, zh_ratios

    studios = _read_labelled(studios_file, "studios")
    needs = _read_labelled(needs_file, "needs")
    zh_needs = _read_labelled(zh_needs_file, "Chinese needs")
    zh_studios = _read_labelled(zh_studios_file, "Chinese studios")
    docs = store.catalogue_docs()
    if not docs["scenarios"]:
        raise click.ClickException("the catalogue is empty; run `flask --app wsgi init` first")
    _evaluate_graded(graded_dir, docs)
    click.echo("label-based figures (relevance = shared industry + shared discipline labels):")
    try:
        results = evaluate(
            studios, needs, docs["scenarios"], encoder(),
            industries=docs["industries"], disciplines=docs["disciplines"],
            zh_needs=zh_needs, zh_studios=zh_studios,
        )  # fmt: skip
    except ModelUnavailable as exc:
        raise click.ClickException(f"matching is unavailable: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise click.ClickException(f"the evaluation files are malformed: {exc!r}") from exc
    click.echo(format_report(results, f"{studios_file} + {needs_file}"))
    main = ("need→studio", "studio→need", "studio→scenario")
    for name in main:
        r = results[name]
        click.echo(
            f"{name}: hybrid {r.scores['hybrid']:.3f}, tfidf {r.scores['tfidf']:.3f}, "
            f"cosine {r.scores['cosine']:.3f}, hybrid / better baseline {r.ratio:.3f}×"
        )
    worst = min(results[name].ratio for name in main)
    click.echo(f"hybrid / better baseline, worst direction: {worst:.3f}×")
    for direction, ratio in zh_ratios(results).items():
        click.echo(f"Chinese / English, {direction}: {ratio:.3f}×")
    click.echo(format_fit({name: results[name] for name in main}))


def _evaluate_graded(graded_dir: str | None, docs: dict) -> None:
    """Print the graded protocol's figures for a graded folder, if any: plain cosine vs the
    app's own ranking (Matcher.rank with the frozen weights) per language pair, test half first,
    then any holdout split, then the tune half the weights were chosen on."""
    from pathlib import Path

    from marketplace.services.matching.encoding import encoder
    from matching.graded_fusion import app_setup, baselines, compare, format_comparison
    from matching.graded_set import read_graded_set

    default = Path("tests/data/graded")
    if graded_dir is None and not default.is_dir():
        click.echo("no graded set (tests/data/graded); pass --graded DIR for the graded figures")
        return
    try:
        data = read_graded_set(graded_dir or default)
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise click.ClickException(f"the graded set is malformed: {exc!r}") from exc
    try:
        enc = encoder()
        setup = app_setup(data, enc, docs["scenarios"], industries=docs["industries"],
                          disciplines=docs["disciplines"])  # fmt: skip
        result = compare(data, baselines(data, enc, passages=False), setup,
                         systems=("cosine", "app ranking"))  # fmt: skip
    except ModelUnavailable as exc:
        raise click.ClickException(f"matching is unavailable: {exc}") from exc
    click.echo("graded figures (grades 0–3 read by a person; nDCG@10, recall@5 of grade ≥ 2):")
    click.echo(format_comparison(result, ("cosine", "app ranking")))
    click.echo("")
