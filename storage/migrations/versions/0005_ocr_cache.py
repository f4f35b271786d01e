"""ocr cache: words read from pages without a text layer, shared by every desk

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ocr_text",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=64), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("page >= 0", name=op.f("ck_ocr_text_page")),
        sa.PrimaryKeyConstraint("digest", "page", "engine", name=op.f("pk_ocr_text")),
    )


def downgrade() -> None:
    op.drop_table("ocr_text")
