"""user language: the interface language an account chose (zh_CN or en; NULL = not chosen)

Revision ID: b7e1a0c4d2f9
Revises: c7e2d41a9b10
Create Date: 2026-11-27 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e1a0c4d2f9'
down_revision = 'c7e2d41a9b10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('language')
