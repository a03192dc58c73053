"""alert acknowledgement (the workbench's alert inbox)

Revision ID: 0003_workbench
Revises: 0002
Create Date: 2026-11-26 13:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import service.db

revision = '0003_workbench'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_at', service.db.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_by', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_column('acknowledged_by')
        batch_op.drop_column('acknowledged_at')
