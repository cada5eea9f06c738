"""saved searches with alerts

Revision ID: b7d2f4a6c8e1
Revises: f3b8d1c6a2e4
Create Date: 2026-12-05 13:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b7d2f4a6c8e1'
down_revision = 'f3b8d1c6a2e4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'saved_searches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('query', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=True),
        sa.Column('industry', sa.String(length=16), nullable=True),
        sa.Column('discipline', sa.String(length=16), nullable=True),
        sa.Column('seen_keys', sa.JSON(), nullable=False),
        sa.Column('alerts', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('checked_at', sa.DateTime(), nullable=True),
        sa.Column('last_alert_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_searches_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_searches_user_id'))
    op.drop_table('saved_searches')
