"""annotations: marks on document pages, shared between desks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("link_document_id", sa.Integer(), nullable=True),
        sa.Column("link_page", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("parent_uid", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('highlight', 'underline', 'strikeout', 'rect', 'ellipse', 'arrow', "
            "'ink', 'note', 'freetext', 'stamp', 'link')", name=op.f("ck_annotation_kind")),
        sa.CheckConstraint("status IN ('open', 'resolved')", name=op.f("ck_annotation_status")),
        sa.CheckConstraint("page >= 0", name=op.f("ck_annotation_page")),
        sa.ForeignKeyConstraint(["case_id"], ["dossier_case.id"],
                                name=op.f("fk_annotation_case_id_dossier_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"],
                                name=op.f("fk_annotation_document_id_document"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["link_document_id"], ["document.id"],
                                name=op.f("fk_annotation_link_document_id_document"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["author_id"], ["app_user.id"],
                                name=op.f("fk_annotation_author_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotation")),
        sa.UniqueConstraint("uid", name=op.f("uq_annotation_uid")),
    )
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_annotation_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_annotation_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_annotation_parent_uid"), ["parent_uid"], unique=False)
        batch_op.create_index("ix_annotation_document_page", ["document_id", "page"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        batch_op.drop_index("ix_annotation_document_page")
        batch_op.drop_index(batch_op.f("ix_annotation_parent_uid"))
        batch_op.drop_index(batch_op.f("ix_annotation_author_id"))
        batch_op.drop_index(batch_op.f("ix_annotation_case_id"))
    op.drop_table("annotation")
