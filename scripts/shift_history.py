#!/usr/bin/env python3
"""Moves every RFC 3339 time in a reframe exchange file forward (or back) by N days.

The generated histories end on 2026-11-01; `reframe due` looks at the last two months, so to
measure it on a full window the history is moved to end today:

    python3 scripts/shift_history.py history.json shifted.json 31
"""
import datetime
import re
import sys

TIME = re.compile(rb'"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))"')


def main(source, target, days):
    delta = datetime.timedelta(days=int(days))

    def shift(match):
        moment = datetime.datetime.fromisoformat(match.group(1).decode().replace("Z", "+00:00"))
        return b'"' + (moment + delta).isoformat().encode() + b'"'

    with open(source, "rb") as file:
        text = file.read()
    with open(target, "wb") as file:
        file.write(TIME.sub(shift, text))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
