"""catalogue chinese texts

Chinese summary, description and deliverables beside the English ones for every scenario,
and the Chinese development trend for every industry.

Revision ID: c4a7e2b91d30
Revises: b7d4e2a9c3f1
Create Date: 2026-11-27 19:05:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c4a7e2b91d30'
down_revision = 'b7d4e2a9c3f1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('industries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trend_zh', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('scenarios', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('summary_zh', sa.String(length=500), nullable=False, server_default='')
        )
        batch_op.add_column(
            sa.Column('description_zh', sa.Text(), nullable=False, server_default='')
        )
        batch_op.add_column(
            sa.Column('deliverables_zh', sa.JSON(), nullable=False, server_default='[]')
        )


def downgrade():
    with op.batch_alter_table('scenarios', schema=None) as batch_op:
        batch_op.drop_column('deliverables_zh')
        batch_op.drop_column('description_zh')
        batch_op.drop_column('summary_zh')
    with op.batch_alter_table('industries', schema=None) as batch_op:
        batch_op.drop_column('trend_zh')
