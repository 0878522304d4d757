"""the company a letter names, as a column: the desk searches and lists it without loading every result

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 17:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('company', sa.String(length=300), nullable=False, server_default=''))
    cases = sa.table('cases', sa.column('id', sa.String), sa.column('result', sa.JSON), sa.column('company', sa.String))
    connection = op.get_bind()
    for case_id, result in connection.execute(sa.select(cases.c.id, cases.c.result)).all():
        company = str(((result or {}).get('fields') or {}).get('company') or '')[:300]
        if company:
            connection.execute(cases.update().where(cases.c.id == case_id).values(company=company))


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('company')
