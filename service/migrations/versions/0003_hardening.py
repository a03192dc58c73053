"""conversations.original: the unmasked transcript, kept only for privileged roles

Revision ID: 0003_hardening
Revises: 0002
Create Date: 2026-11-26 13:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_hardening'
down_revision = '0003_perf'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_column('original')
