"""What each figure is called, how it is defined and which record it comes from (both languages)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Definition:
    """A figure's name, definition and source, translated when shown."""

    label: object
    definition: object
    source: object
    unit: str = "count"  # "count", "cny", "days", "ratio" or "score"


DEFINITIONS: dict[str, Definition] = {
    "centres_national": Definition(
        _l("National industrial design centres"),
        _l(
            "Studios whose national-level design-centre claim commission staff verified, by the "
            "end of the period (suspended studios not counted)."
        ),
        _l("Studio accreditation claims and their verification by staff"),
    ),
    "centres_municipal": Definition(
        _l("Municipal industrial design centres"),
        _l(
            "Studios whose municipal-level design-centre claim staff verified, by the end of the "
            "period."
        ),
        _l("Studio accreditation claims and their verification by staff"),
    ),
    "centres_district": Definition(
        _l("District industrial design centres"),
        _l(
            "Studios whose district-level design-centre claim staff verified, by the end of the "
            "period."
        ),
        _l("Studio accreditation claims and their verification by staff"),
    ),
    "studios_registered": Definition(
        _l("Design studios on the platform"),
        _l(
            "Design organisations with a profile on the platform by the end of the period, "
            "registered or imported, suspended ones left out."
        ),
        _l("Studio profiles"),
    ),
    "studios_verified": Definition(
        _l("Verified studios"),
        _l(
            "Studios with a design-centre claim (any level) verified by staff by the end of the "
            "period."
        ),
        _l("Studio accreditation claims and their verification by staff"),
    ),
    "manufacturers": Definition(
        _l("Manufacturers"),
        _l(
            "Manufacturer accounts by the end of the period, suspended ones left out. By "
            "industry or district only where the company profile records them."
        ),
        _l("Accounts and company profiles"),
    ),
    "needs_published": Definition(
        _l("Needs published"),
        _l(
            "Design needs that commission staff published during the period (drafts and needs "
            "in review not counted). By district: the manufacturer's company district."
        ),
        _l("Needs and their publication date"),
    ),
    "bids": Definition(
        _l("Bids"),
        _l("Bids studios submitted during the period on published needs, withdrawn bids left out."),
        _l("Bids"),
    ),
    "needs_awarded": Definition(
        _l("Needs awarded"),
        _l(
            "Needs whose manufacturer awarded a bid during the period. By district: the winning "
            "studio's district."
        ),
        _l("Award decisions on bids"),
    ),
    "awarded_value": Definition(
        _l("Value of awarded bids"),
        _l(
            "Sum of the prices of the bids awarded during the period, in CNY: the price offered, "
            "not yet a signed contract."
        ),
        _l("Award decisions on bids"),
        "cny",
    ),
    "engagements_completed": Definition(
        _l("Engagements completed"),
        _l("Awarded work that both sides completed during the period."),
        _l("Engagements after the award"),
    ),
    "contracted_value": Definition(
        _l("Contracted design value"),
        _l(
            "Contract values (CNY) that manufacturers recorded for engagements completed during "
            "the period. Only design work commissioned through this platform."
        ),
        _l("Outcomes recorded by manufacturers"),
        "cny",
    ),
    "products_launched": Definition(
        _l("Products launched"),
        _l(
            "Products from engagements on this platform that their manufacturer recorded as "
            "reaching the market during the period."
        ),
        _l("Outcomes recorded by manufacturers"),
    ),
}

STAFF_DEFINITIONS: dict[str, Definition] = {
    "days_to_publish": Definition(
        _l("Days to publish"),
        _l("Average days from a manufacturer submitting a need to staff publishing it."),
        _l("Needs"),
        "days",
    ),
    "bids_per_need": Definition(
        _l("Bids per need"),
        _l("Bids (not withdrawn) per need published in the period."),
        _l("Needs and bids"),
        "count",  # an average number of bids, not a share
    ),
    "days_to_award": Definition(
        _l("Days to award"),
        _l("Average days from publication to the award, for needs awarded in the period."),
        _l("Needs and award decisions"),
        "days",
    ),
    "completion_rate": Definition(
        _l("Completion rate"),
        _l("Share of engagements ended in the period that were completed rather than cancelled."),
        _l("Engagements after the award"),
        "ratio",
    ),
    "rating_average": Definition(
        _l("Average rating"),
        _l("Mean of the revealed ratings (1–5) given in the period, both directions."),
        _l("Ratings after completion"),
        "score",
    ),
    "newcomer_share": Definition(
        _l("Awards to newcomers"),
        _l(
            "Share of the period's awards won by a studio that had never won an award on the "
            "platform before."
        ),
        _l("Award decisions on bids"),
        "ratio",
    ),
    "outside_centre_share": Definition(
        _l("Awards outside the central districts"),
        _l(
            "Share of the period's awards won by studios registered outside the central "
            "districts (the nine main urban districts and Liangjiang New Area); studios without "
            "a district are counted as not outside."
        ),
        _l("Award decisions and studio districts"),
        "ratio",
    ),
}


def definition(key: str) -> Definition:
    """The definition of a public or staff figure."""
    return DEFINITIONS.get(key) or STAFF_DEFINITIONS[key]
