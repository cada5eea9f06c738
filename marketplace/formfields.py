"""Form fields that parse through marketplace.params: ASCII digits, database-sized, 2000–2100."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DateTimeLocalField, IntegerField, SelectMultipleField

from marketplace.params import (
    DATE_MAX,
    DATE_MIN,
    INT32_MAX,
    parse_day,
    parse_id,
    parse_int,
    parse_moment,
)

BAD_NUMBER = _l("Give a whole number from %(low)d to %(high)d, in digits 0-9.")
BAD_DATE = _l("Give a date between %(low)s and %(high)s.")


class BoundedIntegerField(IntegerField):
    """An integer in ASCII digits within [minimum, maximum] (default: what an INTEGER holds)."""

    def __init__(self, *args, minimum: int = 0, maximum: int = INT32_MAX, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def process_formdata(self, valuelist):
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        self.data = parse_int(valuelist[0], self.minimum, self.maximum)
        if self.data is None:
            raise ValueError(BAD_NUMBER % {"low": self.minimum, "high": self.maximum})


def _bad_date() -> str:
    return BAD_DATE % {"low": DATE_MIN.isoformat(), "high": DATE_MAX.isoformat()}


class BoundedDateField(DateField):
    """A date (YYYY-MM-DD) between 2000-01-01 and 2100-12-31, the API's bounds."""

    def process_formdata(self, valuelist):
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        self.data = parse_day(valuelist[0], self.format[0])
        if self.data is None:
            raise ValueError(_bad_date())


class BoundedDateTimeLocalField(DateTimeLocalField):
    """A local date-time whose day lies between 2000-01-01 and 2100-12-31."""

    def process_formdata(self, valuelist):
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        self.data = None
        for fmt in self.strptime_format:
            self.data = parse_moment(" ".join(valuelist), fmt)
            if self.data is not None:
                return
        raise ValueError(_bad_date())


class IdListField(SelectMultipleField):
    """Ids (ASCII digits, 1 to 2**63 - 1), checked by the service, not against choices."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        ids = [parse_id(v) for v in valuelist[:500]]
        if any(i is None for i in ids):
            self.data = []
            raise ValueError(_l("Ids must be whole numbers in digits 0-9."))
        self.data = ids
