"""Route for /search: validate the query string, ask the search service, render the page."""

from __future__ import annotations

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import PUBLIC, role_required
from marketplace.extensions import limiter
from marketplace.i18n import current_language
from marketplace.pagecache import cached_for_visitors
from marketplace.params import choice_arg, code_arg, page_arg
from marketplace.policies.actor import actor_of
from marketplace.policies.saved_searches import can_save_search
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.search import bp
from marketplace.search.search_forms import ConfirmForm
from marketplace.services.search import indexing
from marketplace.services.studios import studio_images

PAGE_STORE = "marketplace.pagecache.search"
SEARCH_PAGES = 256  # visitors' search pages kept per process (about 30 KB each)


def _search_limit() -> str:
    return current_app.config["SEARCH_RATE_LIMIT"]


@bp.get("/search")
@role_required(PUBLIC)
@limiter.limit(_search_limit)  # outside the page cache: a stored page still counts
@cached_for_visitors(indexing.page_version, store=PAGE_STORE, max_pages=SEARCH_PAGES)
def results():
    """Search scenarios, studios and public needs; facets narrow by kind, industry, discipline.

    Visitors' pages are kept per URL (query, filters, page) and language until the index, the
    vector part, a studio or the catalogue changes, in their own store so that many different
    queries never push the catalogue's stored pages out.
    """
    kind = choice_arg("kind", indexing.SEARCH_KINDS, "") or None
    industry = code_arg("industry", INDUSTRY_CODES, "industry code")
    discipline = code_arg("discipline", DISCIPLINE_CODES, "discipline code")
    page_number = page_arg()
    text = request.args.get("q", "")
    try:
        found = indexing.search(
            text, kind=kind, industry=industry, discipline=discipline,
            page=page_number, per_page=current_app.config["PAGE_SIZE"],
            language=indexing.reader_language(text, current_language()),
        )  # fmt: skip
    except indexing.SearchUnavailable:
        abort(503, description=_("Search is unavailable for a moment; please try again shortly."))
    studio_ids = [hit.id for hit in found.results.hits if hit.kind == "studio"]
    return render_template(
        "search/results.html", found=found, search_query=found.text,
        hit_studios=studio_images.studios_by_id(studio_ids) if studio_ids else {},
        can_save_search=can_save_search(actor_of(current_user)), save_form=ConfirmForm(),
    )  # fmt: skip
