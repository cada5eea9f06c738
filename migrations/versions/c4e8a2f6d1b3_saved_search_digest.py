"""Saved searches: alerts at once or as a daily digest, the results waiting for the digest, and a
studio's "needs for you" saved at a fit level

Revision ID: c4e8a2f6d1b3
Revises: c4e8a2f6b9d1
"""

import sqlalchemy as sa
from alembic import op

revision = "c4e8a2f6d1b3"
down_revision = "c4e8a2f6b9d1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("saved_searches") as batch:
        batch.add_column(sa.Column("frequency", sa.String(length=12), nullable=False,
                                   server_default="immediate"))  # fmt: skip
        batch.add_column(sa.Column("pending", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("min_fit", sa.String(length=12), nullable=True))


def downgrade():
    with op.batch_alter_table("saved_searches") as batch:
        batch.drop_column("min_fit")
        batch.drop_column("pending")
        batch.drop_column("frequency")
