"""monthly City of Design reports (figures snapshot and PDF, kept as generated)

Revision ID: f3c8a1d6b2e4
Revises: f6347c05171b
Create Date: 2026-12-05 13:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'f3c8a1d6b2e4'
down_revision = 'f6347c05171b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'city_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('snapshot', sa.JSON(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=True),
        sa.Column('generated_at', sa.DateTime(), nullable=False),
        sa.Column('generated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['generated_by_id'], ['users.id'], ondelete='SET NULL',
            name=op.f('fk_city_reports_generated_by_id_users'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_city_reports')),
    )
    with op.batch_alter_table('city_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_city_reports_month'), ['month'], unique=True)


def downgrade():
    with op.batch_alter_table('city_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_city_reports_month'))
    op.drop_table('city_reports')
