"""Case-file schema: cases, persons, vehicles, evidence, timeline, users, audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # In dependency order (as alembic generated it), in steps by what the tables hold.
    _users_audit_cases_persons()
    _assets_attachments()
    _members_and_parties()
    _custody_events()
    _links_locations()
    _measures_vehicles()
    _vehicles_in_cases_participants()
    _seizures()


def _users_audit_cases_persons() -> None:
    """Tables that refer to no other: users, the audit trail, cases, persons."""
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("name", name=op.f("uq_app_user_name")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=True),
        sa.Column("case_code", sa.String(length=64), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entry")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_entry_hash")),
    )
    op.create_index(op.f("ix_audit_entry_case_code"), "audit_entry", ["case_code"], unique=False)
    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("nickname", sa.String(length=100), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("lead", sa.String(length=100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= opened_on",
            name=op.f("ck_case_file_closed_after_opened"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_file")),
        sa.UniqueConstraint("code", name=op.f("uq_case_file_code")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("ethnicity", sa.String(length=40), nullable=False),
        sa.Column("education", sa.String(length=40), nullable=False),
        sa.Column("occupation", sa.String(length=200), nullable=False),
        sa.Column("birthplace", sa.String(length=200), nullable=False),
        sa.Column("household_address", sa.String(length=400), nullable=False),
        sa.Column("current_address", sa.String(length=400), nullable=False),
        sa.Column("phones", sa.JSON(), nullable=False),
        sa.Column("prior_record", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("id_number", name=op.f("uq_person_id_number")),
    )
    op.create_index(op.f("ix_person_name"), "person", ["name"], unique=False)


def _assets_attachments() -> None:
    """Assets and attachments."""
    op.create_table(
        "asset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("seized_on", sa.Date(), nullable=True),
        sa.Column("from_person_id", sa.Integer(), nullable=True),
        sa.Column("account", sa.String(length=100), nullable=False),
        sa.Column("bank", sa.String(length=200), nullable=False),
        sa.Column("document_no", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint("amount_fen >= 0", name=op.f("ck_asset_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_asset_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_person_id"], ["person.id"], name=op.f("fk_asset_from_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset")),
    )
    op.create_index(op.f("ix_asset_case_id"), "asset", ["case_id"], unique=False)
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=400), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("added_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_attachment_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    op.create_index(op.f("ix_attachment_case_id"), "attachment", ["case_id"], unique=False)
    op.create_index(op.f("ix_attachment_sha256"), "attachment", ["sha256"], unique=False)


def _members_and_parties() -> None:
    """The task force's members and the persons in a case."""
    op.create_table(
        "case_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=False),
        sa.Column("task_role", sa.String(length=40), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_member_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_member")),
        sa.UniqueConstraint("case_id", "name", name=op.f("uq_case_member_case_id_name")),
    )
    op.create_index(op.f("ix_case_member_case_id"), "case_member", ["case_id"], unique=False)
    op.create_table(
        "case_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("is_suspect", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_party_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_case_party_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_party")),
        sa.UniqueConstraint("case_id", "person_id", name=op.f("uq_case_party_case_id_person_id")),
    )
    op.create_index(op.f("ix_case_party_case_id"), "case_party", ["case_id"], unique=False)
    op.create_index(op.f("ix_case_party_person_id"), "case_party", ["person_id"], unique=False)


def _custody_events() -> None:
    """Chain of custody and events."""
    op.create_table(
        "custody_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("item_type", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("from_holder", sa.String(length=200), nullable=False),
        sa.Column("to_holder", sa.String(length=200), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_custody_entry_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_entry")),
    )
    op.create_index(op.f("ix_custody_entry_case_id"), "custody_entry", ["case_id"], unique=False)
    op.create_index(op.f("ix_custody_entry_item_id"), "custody_entry", ["item_id"], unique=False)
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.BigInteger(), nullable=False),
        sa.Column("precision", sa.String(length=10), nullable=False),
        sa.Column("ends_at", sa.BigInteger(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_event_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    op.create_index("ix_event_case_time", "event", ["case_id", "occurred_at"], unique=False)


def _links_locations() -> None:
    """Links and locations."""
    op.create_table(
        "link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("a_type", sa.String(length=40), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_type", sa.String(length=40), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_link_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link")),
    )
    op.create_index("ix_link_a", "link", ["a_type", "a_id"], unique=False)
    op.create_index("ix_link_b", "link", ["b_type", "b_id"], unique=False)
    op.create_index(op.f("ix_link_case_id"), "link", ["case_id"], unique=False)
    op.create_table(
        "location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("lat", sa.String(length=40), nullable=True),
        sa.Column("lon", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_location_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location")),
    )
    op.create_index(op.f("ix_location_case_id"), "location", ["case_id"], unique=False)


def _measures_vehicles() -> None:
    """Compulsory measures, vehicles and what attachments are linked to."""
    op.create_table(
        "measure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("extension_steps", sa.Integer(), nullable=False),
        sa.Column("document_no", sa.String(length=100), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_measure_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_measure_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure")),
    )
    op.create_index(op.f("ix_measure_case_id"), "measure", ["case_id"], unique=False)
    op.create_index(op.f("ix_measure_person_id"), "measure", ["person_id"], unique=False)
    op.create_table(
        "vehicle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=True),
        sa.Column("vin", sa.String(length=17), nullable=True),
        sa.Column("make", sa.String(length=100), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("colour", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_vehicle_owner_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle")),
        sa.UniqueConstraint("plate", name=op.f("uq_vehicle_plate")),
        sa.UniqueConstraint("vin", name=op.f("uq_vehicle_vin")),
    )
    op.create_table(
        "attachment_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_attachment_link_attachment_id_attachment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_link")),
        sa.UniqueConstraint(
            "attachment_id",
            "entity_type",
            "entity_id",
            name=op.f("uq_attachment_link_attachment_id_entity_type_entity_id"),
        ),
    )
    op.create_index(
        op.f("ix_attachment_link_attachment_id"), "attachment_link", ["attachment_id"], unique=False
    )


def _vehicles_in_cases_participants() -> None:
    """Vehicles in a case and the participants of events."""
    op.create_table(
        "case_vehicle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("seized", sa.Boolean(), nullable=False),
        sa.Column("seized_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_vehicle_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicle.id"], name=op.f("fk_case_vehicle_vehicle_id_vehicle")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_vehicle")),
        sa.UniqueConstraint(
            "case_id", "vehicle_id", name=op.f("uq_case_vehicle_case_id_vehicle_id")
        ),
    )
    op.create_index(op.f("ix_case_vehicle_case_id"), "case_vehicle", ["case_id"], unique=False)
    op.create_index(
        op.f("ix_case_vehicle_vehicle_id"), "case_vehicle", ["vehicle_id"], unique=False
    )
    op.create_table(
        "event_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_participant_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_participant")),
    )
    op.create_index(
        op.f("ix_event_participant_event_id"), "event_participant", ["event_id"], unique=False
    )


def _seizures() -> None:
    """Seizures (exhibits) and whom they are attributed to."""
    op.create_table(
        "seizure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("exhibit_no", sa.String(length=64), nullable=False),
        sa.Column("drug", sa.String(length=40), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("package_count", sa.Integer(), nullable=False),
        sa.Column("gross_mg", sa.BigInteger(), nullable=True),
        sa.Column("tare_mg", sa.BigInteger(), nullable=True),
        sa.Column("net_mg", sa.BigInteger(), nullable=False),
        sa.Column("scale_resolution_mg", sa.BigInteger(), nullable=True),
        sa.Column("purity_bp", sa.Integer(), nullable=True),
        sa.Column("seized_at", sa.BigInteger(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("from_person_id", sa.Integer(), nullable=True),
        sa.Column("lab_report_no", sa.String(length=100), nullable=False),
        sa.Column("sent_for_test_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("complex_case", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "gross_mg IS NULL OR tare_mg IS NULL OR net_mg = gross_mg - tare_mg",
            name=op.f("ck_seizure_net_is_gross_minus_tare"),
        ),
        sa.CheckConstraint("net_mg >= 0", name=op.f("ck_seizure_net_not_negative")),
        sa.CheckConstraint("package_count >= 1", name=op.f("ck_seizure_packages_positive")),
        sa.CheckConstraint(
            "purity_bp IS NULL OR purity_bp BETWEEN 0 AND 10000", name=op.f("ck_seizure_purity")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_seizure_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_person_id"], ["person.id"], name=op.f("fk_seizure_from_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["location.id"],
            name=op.f("fk_seizure_location_id_location"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seizure")),
        sa.UniqueConstraint("case_id", "exhibit_no", name=op.f("uq_seizure_case_id_exhibit_no")),
    )
    op.create_index(op.f("ix_seizure_case_id"), "seizure", ["case_id"], unique=False)
    op.create_table(
        "seizure_attribution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seizure_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_seizure_attribution_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["seizure_id"],
            ["seizure.id"],
            name=op.f("fk_seizure_attribution_seizure_id_seizure"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seizure_attribution")),
        sa.UniqueConstraint(
            "seizure_id", "person_id", name=op.f("uq_seizure_attribution_seizure_id_person_id")
        ),
    )
    op.create_index(
        op.f("ix_seizure_attribution_person_id"), "seizure_attribution", ["person_id"], unique=False
    )
    op.create_index(
        op.f("ix_seizure_attribution_seizure_id"),
        "seizure_attribution",
        ["seizure_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_seizure_attribution_seizure_id"), table_name="seizure_attribution")
    op.drop_index(op.f("ix_seizure_attribution_person_id"), table_name="seizure_attribution")
    op.drop_table("seizure_attribution")
    op.drop_index(op.f("ix_seizure_case_id"), table_name="seizure")
    op.drop_table("seizure")
    op.drop_index(op.f("ix_event_participant_event_id"), table_name="event_participant")
    op.drop_table("event_participant")
    op.drop_index(op.f("ix_case_vehicle_vehicle_id"), table_name="case_vehicle")
    op.drop_index(op.f("ix_case_vehicle_case_id"), table_name="case_vehicle")
    op.drop_table("case_vehicle")
    op.drop_index(op.f("ix_attachment_link_attachment_id"), table_name="attachment_link")
    op.drop_table("attachment_link")
    op.drop_table("vehicle")
    op.drop_index(op.f("ix_measure_person_id"), table_name="measure")
    op.drop_index(op.f("ix_measure_case_id"), table_name="measure")
    op.drop_table("measure")
    op.drop_index(op.f("ix_location_case_id"), table_name="location")
    op.drop_table("location")
    op.drop_index(op.f("ix_link_case_id"), table_name="link")
    op.drop_index("ix_link_b", table_name="link")
    op.drop_index("ix_link_a", table_name="link")
    op.drop_table("link")
    op.drop_index("ix_event_case_time", table_name="event")
    op.drop_table("event")
    op.drop_index(op.f("ix_custody_entry_item_id"), table_name="custody_entry")
    op.drop_index(op.f("ix_custody_entry_case_id"), table_name="custody_entry")
    op.drop_table("custody_entry")
    op.drop_index(op.f("ix_case_party_person_id"), table_name="case_party")
    op.drop_index(op.f("ix_case_party_case_id"), table_name="case_party")
    op.drop_table("case_party")
    op.drop_index(op.f("ix_case_member_case_id"), table_name="case_member")
    op.drop_table("case_member")
    op.drop_index(op.f("ix_attachment_sha256"), table_name="attachment")
    op.drop_index(op.f("ix_attachment_case_id"), table_name="attachment")
    op.drop_table("attachment")
    op.drop_index(op.f("ix_asset_case_id"), table_name="asset")
    op.drop_table("asset")
    op.drop_index(op.f("ix_person_name"), table_name="person")
    op.drop_table("person")
    op.drop_table("case_file")
    op.drop_index(op.f("ix_audit_entry_case_code"), table_name="audit_entry")
    op.drop_table("audit_entry")
    op.drop_table("app_user")
