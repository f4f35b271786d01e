"""generated documents: what was filled from which template, corrected by whom, approved by whom

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "generated_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("template", sa.String(length=128), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=False),
        sa.Column("field_values", sa.Text(), nullable=False),
        sa.Column("corrections", sa.Text(), nullable=False),
        sa.Column("engine", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("batch", sa.String(length=32), nullable=False),
        sa.Column("draft_digest", sa.String(length=64), nullable=False),
        sa.Column("docx_digest", sa.String(length=64), nullable=True),
        sa.Column("sealed_digest", sa.String(length=64), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('sealed', 'pending', 'returned', 'approved')",
                           name=op.f("ck_generated_document_status")),
        sa.ForeignKeyConstraint(["case_id"], ["dossier_case.id"],
                                name=op.f("fk_generated_document_case_id_dossier_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"],
                                name=op.f("fk_generated_document_document_id_document"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["draft_digest"], ["blob.digest"],
                                name=op.f("fk_generated_document_draft_digest_blob")),
        sa.ForeignKeyConstraint(["docx_digest"], ["blob.digest"],
                                name=op.f("fk_generated_document_docx_digest_blob")),
        sa.ForeignKeyConstraint(["sealed_digest"], ["blob.digest"],
                                name=op.f("fk_generated_document_sealed_digest_blob")),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_generated_document_created_by_app_user")),
        sa.ForeignKeyConstraint(["approver_id"], ["app_user.id"],
                                name=op.f("fk_generated_document_approver_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generated_document")),
    )
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_generated_document_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_generated_document_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_generated_document_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_generated_document_status"))
        batch_op.drop_index(batch_op.f("ix_generated_document_document_id"))
        batch_op.drop_index(batch_op.f("ix_generated_document_case_id"))
    op.drop_table("generated_document")
