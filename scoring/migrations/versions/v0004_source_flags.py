"""Source flags on results: how to show each published figure, read from its notes at import
(`scoring.checks.source_flags`): a zone stated for a group (`zone_derived`), a later source for
a figure already listed (`second_source`), the one row per government and year that rankings and
maps use (`counted`), and sources that disagree (`sources_disagree`). On the archive too, so a
restored version keeps its flags. Rows stored before are left unflagged (missing): a reader
takes a missing `counted` as counted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FLAGS = ("zone_derived", "second_source", "counted", "sources_disagree")


def upgrade() -> None:
    for table in ("results", "results_archive"):
        with op.batch_alter_table(table) as batch:
            for flag in FLAGS:
                batch.add_column(sa.Column(flag, sa.Boolean))
