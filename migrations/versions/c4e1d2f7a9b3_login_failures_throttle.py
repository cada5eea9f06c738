"""login failures: database-backed login throttle

Failed-login counters per client address and per (account, address) pair, shared by every
gunicorn worker and kept across restarts.

Revision ID: c4e1d2f7a9b3
Revises: b7e1a0c4d2f9
Create Date: 2026-11-27 19:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e1d2f7a9b3'
down_revision = 'b7e1a0c4d2f9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_failures',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_failures'))
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failures_window_start'), ['window_start'], unique=False)


def downgrade():
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failures_window_start'))
    op.drop_table('login_failures')
