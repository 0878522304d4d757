"""dmarc verdict of a mail

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:00:41.513266
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dmarc', sa.String(length=20), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('mails', schema=None) as batch_op:
        batch_op.drop_column('dmarc')

