"""search vocabulary and terms: the PostgreSQL search's "did you mean" (pg_trgm), pinyin in lexemes

Revision ID: d2f7b4e9a1c6
Revises: c4e8a2f6d1b3
Create Date: 2026-12-06 04:50:00

PostgreSQL only (a no-op on SQLite, where the embedded Whoosh index serves search): the pg_trgm
extension (a trusted contrib extension: the database owner may create it), the vocabulary every
web host shares (`search_vocabulary`: each spelling word once, under a trigram index;
`search_terms`: which entries use each word), and every existing entry marked stale so that
`flask search check --fix` (or `flask init`) rewrites it with the pinyin of its Chinese name and
its spelling words. Until then the old entries stay searchable. No model declares the tables (marketplace.extensions
POSTGRES_ONLY_TABLES).
"""
from alembic import op

revision = 'd2f7b4e9a1c6'
down_revision = 'c4e8a2f6d1b3'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE TABLE search_terms (word text NOT NULL, key varchar(80) NOT NULL, "
        "CONSTRAINT pk_search_terms PRIMARY KEY (word, key))"
    )
    op.execute("CREATE INDEX ix_search_terms_key ON search_terms (key)")
    op.execute(
        "CREATE TABLE search_vocabulary (word text NOT NULL, "
        "CONSTRAINT pk_search_vocabulary PRIMARY KEY (word))"
    )
    op.execute(
        "CREATE INDEX ix_search_vocabulary_trgm ON search_vocabulary USING gin (word gin_trgm_ops)"
    )
    op.execute("UPDATE search_entries SET content_hash = 'before-pinyin'")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TABLE IF EXISTS search_vocabulary")
    op.execute("DROP TABLE IF EXISTS search_terms")
    op.execute("UPDATE search_entries SET content_hash = 'before-pinyin'")
