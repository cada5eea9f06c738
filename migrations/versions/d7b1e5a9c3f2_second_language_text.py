"""Second-language text: a studio's capability statement and a need's title and description in
the other language, the language of the original, and the studio directory's pinyin order

Revision ID: d7b1e5a9c3f2
Revises: d2f7b4e9a1c6
"""

import sqlalchemy as sa
from alembic import op

from marketplace.text_language import SORT_KEY_MAX, language_of, pinyin_sort_key

revision = "d7b1e5a9c3f2"
down_revision = "d2f7b4e9a1c6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("studios") as batch:
        batch.add_column(sa.Column("sort_key_zh", sa.String(length=SORT_KEY_MAX), nullable=True))
        batch.add_column(sa.Column("text_lang", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("capability_statement_translation", sa.Text(), nullable=True))
        batch.create_index(op.f("ix_studios_sort_key_zh"), ["sort_key_zh"], unique=False)
    with op.batch_alter_table("needs") as batch:
        batch.add_column(sa.Column("text_lang", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("title_translation", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("description_translation", sa.Text(), nullable=True))
    _fill_existing_rows()


def _fill_existing_rows():
    """The sort key and the original's language of the rows already there (saves set them later)."""
    bind = op.get_bind()
    studios = sa.table("studios", sa.column("id"), sa.column("name"), sa.column("name_zh"),
                       sa.column("capability_statement"), sa.column("sort_key_zh"),
                       sa.column("text_lang"))  # fmt: skip
    for row in bind.execute(sa.select(studios.c.id, studios.c.name, studios.c.name_zh,
                                      studios.c.capability_statement)).all():  # fmt: skip
        bind.execute(studios.update().where(studios.c.id == row.id).values(
            sort_key_zh=pinyin_sort_key(row.name_zh or row.name),
            text_lang=language_of(row.capability_statement)))  # fmt: skip
    needs = sa.table("needs", sa.column("id"), sa.column("title"), sa.column("description"),
                     sa.column("text_lang"))  # fmt: skip
    for row in bind.execute(sa.select(needs.c.id, needs.c.title, needs.c.description)).all():
        bind.execute(needs.update().where(needs.c.id == row.id).values(
            text_lang=language_of(f"{row.title}\n{row.description}")))  # fmt: skip


def downgrade():
    with op.batch_alter_table("needs") as batch:
        batch.drop_column("description_translation")
        batch.drop_column("title_translation")
        batch.drop_column("text_lang")
    with op.batch_alter_table("studios") as batch:
        batch.drop_index(op.f("ix_studios_sort_key_zh"))
        batch.drop_column("capability_statement_translation")
        batch.drop_column("text_lang")
        batch.drop_column("sort_key_zh")
