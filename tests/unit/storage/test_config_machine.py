"""The machine-wide store URL: read after --store and DOSSIER_STORE, before the embedded default."""
from __future__ import annotations

import sys

import pytest

from storage import config

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows reads the registry instead")

PG = "postgresql+psycopg://dossier@archive.court.local/dossier"


@pytest.fixture
def machine_file(tmp_path, monkeypatch):
    path = tmp_path / "store.url"
    monkeypatch.setattr(config, "MACHINE_STORE_FILE", path)
    return path


def test_first_real_line_of_the_machine_file_is_the_url(machine_file):
    machine_file.write_text("# written by court IT\n\n  " + PG + "  \nsqlite:///ignored\n", encoding="utf-8")
    assert config.machine_store_url() == PG


def test_a_file_saved_with_a_byte_order_mark_still_reads(machine_file):
    machine_file.write_text(PG + "\n", encoding="utf-8-sig")
    assert config.machine_store_url() == PG


def test_no_file_means_no_machine_url(machine_file):
    assert config.machine_store_url() == ""


def test_a_file_with_only_comments_means_no_machine_url(machine_file):
    machine_file.write_text("# StoreUrl=\n\n", encoding="utf-8")
    assert config.machine_store_url() == ""


def test_machine_url_is_used_when_neither_option_nor_environment_names_a_store(machine_file):
    machine_file.write_text("postgresql://dossier@archive/dossier\n", encoding="utf-8")
    # the short scheme is normalised to the driver the app ships with, as for the other sources
    assert config.resolve_store_url() == "postgresql+psycopg://dossier@archive/dossier"


def test_environment_and_option_win_over_the_machine_url(machine_file, monkeypatch, tmp_path):
    machine_file.write_text(PG + "\n", encoding="utf-8")
    env_url = "sqlite:///" + (tmp_path / "env.sqlite3").as_posix()
    monkeypatch.setenv(config.ENV_STORE, env_url)
    assert config.resolve_store_url() == env_url
    explicit = "sqlite:///" + (tmp_path / "explicit.sqlite3").as_posix()
    assert config.resolve_store_url(explicit) == explicit


def test_without_a_machine_url_the_embedded_store_is_the_default(machine_file):
    assert config.resolve_store_url() == config.default_store_url()


def test_an_explicit_path_is_read_instead_of_the_default_file(machine_file, tmp_path):
    machine_file.write_text(PG + "\n", encoding="utf-8")
    other = tmp_path / "other.url"
    other.write_text("postgresql+psycopg://other/db\n", encoding="utf-8")
    assert config.machine_store_url(other) == "postgresql+psycopg://other/db"
