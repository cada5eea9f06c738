"""need attachments, questions, invitations and sent reminders

Revision ID: d4e8f1a2b3c5
Revises: b7d4e2a9c3f1
Create Date: 2026-11-27 19:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'd4e8f1a2b3c5'
down_revision = 'b7d4e2a9c3f1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('need_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=100), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_attachments_need_id_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_attachments')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_need_attachments_stored_name'))
    )
    with op.batch_alter_table('need_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_attachments_need_id'), ['need_id'], unique=False)

    op.create_table('need_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('studio_id', sa.Integer(), nullable=True),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('asked_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_questions_need_id_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['studio_id'], ['studios.id'], name=op.f('fk_need_questions_studio_id_studios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_questions'))
    )
    with op.batch_alter_table('need_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_questions_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_questions_studio_id'), ['studio_id'], unique=False)

    op.create_table('need_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('studio_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_need_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_invitations_need_id_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['studio_id'], ['studios.id'], name=op.f('fk_need_invitations_studio_id_studios'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_invitations')),
    sa.UniqueConstraint('need_id', 'studio_id', name=op.f('uq_need_invitations_need_id'))
    )
    with op.batch_alter_table('need_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_invitations_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_invitations_studio_id'), ['studio_id'], unique=False)

    op.create_table('need_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_reminders_need_id_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_reminders')),
    sa.UniqueConstraint('need_id', 'kind', 'deadline', name=op.f('uq_need_reminders_need_id'))
    )
    with op.batch_alter_table('need_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_reminders_need_id'), ['need_id'], unique=False)


def downgrade():
    op.drop_table('need_reminders')
    op.drop_table('need_invitations')
    op.drop_table('need_questions')
    op.drop_table('need_attachments')
