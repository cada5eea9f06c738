"""studio logo and cover, portfolio images in sized variants

Revision ID: e5a9c3d7f1b2
Revises: e9a3c5b7d2f1
Create Date: 2026-11-27 20:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e5a9c3d7f1b2'
down_revision = 'e9a3c5b7d2f1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('studios', schema=None) as batch_op:
        batch_op.add_column(sa.Column('logo_key', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('cover_key', sa.String(length=32), nullable=True))
    op.create_table(
        'portfolio_images',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=32), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('height', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['item_id'], ['portfolio_items.id'], ondelete='CASCADE',
            name=op.f('fk_portfolio_images_item_id_portfolio_items'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolio_images')),
        sa.UniqueConstraint('key', name=op.f('uq_portfolio_images_key')),
    )
    with op.batch_alter_table('portfolio_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfolio_images_item_id'), ['item_id'], unique=False)


def downgrade():
    with op.batch_alter_table('portfolio_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portfolio_images_item_id'))
    op.drop_table('portfolio_images')
    with op.batch_alter_table('studios', schema=None) as batch_op:
        batch_op.drop_column('cover_key')
        batch_op.drop_column('logo_key')
