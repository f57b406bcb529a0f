"""The date an edition carries: SOURCE_DATE_EPOCH when set, so builds repeat.

See https://reproducible-builds.org/specs/source-date-epoch/; an unset or
empty variable means now.
"""

import os
from datetime import UTC, datetime


def build_time():
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
