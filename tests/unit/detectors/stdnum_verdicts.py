#!/usr/bin/python3
"""python-stdnum's verdict on identity numbers, for stdnum_agreement_test.cpp.

usage: stdnum_verdicts.py CANDIDATES YYYY-MM-DD

CANDIDATES has one "CC<TAB>number" per line (CC: se, dk, no, fi); prints 1 (valid) or 0 per
line. The date is "today" for stdnum's future-birth-date checks, pinned so that the comparison
does not depend on the day the test runs. A missing python-stdnum is an ImportError: exit 1.
"""
import datetime
import sys
import types

from stdnum.dk import cpr
from stdnum.fi import hetu
from stdnum.no import fodselsnummer
from stdnum.se import personnummer


def pin_today(today):
    class PinnedDate(datetime.date):
        @classmethod
        def today(cls):
            return cls(today.year, today.month, today.day)

    # Each module reads the clock as datetime.date.today() through its own `datetime` name.
    for module in (cpr, hetu, fodselsnummer, personnummer):
        module.datetime = types.SimpleNamespace(date=PinnedDate)


VALIDATORS = {
    "se": personnummer.is_valid,
    "dk": cpr.is_valid,
    "no": fodselsnummer.is_valid,
    # Temporary numbers (individual 900-999) identify a person too; galguard counts them.
    "fi": lambda number: hetu.is_valid(number, allow_temporary=True),
}


def main():
    candidates, today = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
    pin_today(today)
    out = []
    with open(candidates, encoding="utf-8") as lines:
        for line in lines:
            country, number = line.rstrip("\n").split("\t", 1)
            out.append("1" if VALIDATORS[country](number) else "0")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
