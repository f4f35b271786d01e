"""blob chunks are stored uncompressed on PostgreSQL

PDF and JPEG bytes do not compress; letting PostgreSQL try (pglz) cost about half of the
time of writing a blob. EXTERNAL keeps out-of-line storage without compression.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE blob_chunk ALTER COLUMN data SET STORAGE EXTERNAL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE blob_chunk ALTER COLUMN data SET STORAGE EXTENDED")
