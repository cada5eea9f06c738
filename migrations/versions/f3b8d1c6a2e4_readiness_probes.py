"""readiness probes: /readyz proves the database takes writes

Revision ID: f3b8d1c6a2e4
Revises: e5a9c3d7f1b2
Create Date: 2026-12-05 13:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'f3b8d1c6a2e4'
down_revision = 'e5a9c3d7f1b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'readiness_probes',
        sa.Column('host', sa.String(length=255), nullable=False),
        sa.Column('checked_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('host', name=op.f('pk_readiness_probes')),
    )


def downgrade():
    op.drop_table('readiness_probes')
