"""transactional outbox and stable match rows

The outbox records derived work (search index, matching) in the same transaction as the change,
so a crash after a commit loses nothing. Recommendations become stable match rows keyed by
(direction, source, target) with namespaced keys, updated in place and retired instead of
deleted. The old table held derived data only: `flask match refresh` (run by `init`) rebuilds it.

Revision ID: a1f3c9d2e8b0
Revises: 604edc474557
Create Date: 2026-11-27 19:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1f3c9d2e8b0'
down_revision = '604edc474557'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('failed_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_pending', ['done_at', 'id'], unique=False)

    op.create_table('match_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=24), nullable=False),
    sa.Column('source_key', sa.String(length=64), nullable=False),
    sa.Column('target_key', sa.String(length=64), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('fit', sa.String(length=16), nullable=True),
    sa.Column('parts', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('model', sa.String(length=200), nullable=False),
    sa.Column('weights_version', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_rows')),
    sa.UniqueConstraint('direction', 'source_key', 'target_key', name=op.f('uq_match_rows_direction'))
    )
    with op.batch_alter_table('match_rows', schema=None) as batch_op:
        batch_op.create_index('ix_match_rows_list', ['direction', 'source_key', 'retired_at', 'rank'], unique=False)
        batch_op.create_index('ix_match_rows_target', ['direction', 'target_key'], unique=False)

    op.drop_table('match_recommendations')


def downgrade():
    op.create_table('match_recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=24), nullable=False),
    sa.Column('source_key', sa.String(length=64), nullable=False),
    sa.Column('target_key', sa.String(length=64), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_recommendations')),
    sa.UniqueConstraint('direction', 'source_key', 'rank', name=op.f('uq_match_recommendations_direction'))
    )
    with op.batch_alter_table('match_recommendations', schema=None) as batch_op:
        batch_op.create_index('ix_match_recommendations_target', ['direction', 'target_key'], unique=False)
    op.drop_table('match_rows')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_pending')
    op.drop_table('outbox')
