"""search entries: documents of the PostgreSQL full-text search backend (tsvector, GIN)

Revision ID: c4e8a2f6b9d1
Revises: b7d3e9f1a2c4
Create Date: 2026-12-05 18:10:00

On SQLite the table is created too (plain text in place of tsvector) and stays empty: the
embedded Whoosh index serves search there.
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'c4e8a2f6b9d1'
down_revision = 'b7d3e9f1a2c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'search_entries',
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('doc_id', sa.String(length=64), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('title_zh', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('body_zh', sa.Text(), nullable=False),
        sa.Column('body_words', sa.Text(), nullable=False),
        sa.Column('body_zh_words', sa.Text(), nullable=False),
        sa.Column('industries', sa.String(length=400), nullable=False),
        sa.Column('disciplines', sa.String(length=400), nullable=False),
        sa.Column('district', sa.String(length=64), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('lexemes', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'),
                  nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_search_entries')),
    )
    op.create_index('ix_search_entries_lexemes', 'search_entries', ['lexemes'], unique=False,
                    postgresql_using='gin')


def downgrade():
    op.drop_index('ix_search_entries_lexemes', table_name='search_entries',
                  postgresql_using='gin')
    op.drop_table('search_entries')
