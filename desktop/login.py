"""The sign-in dialog: user name and password against the store shown in it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from storage.errors import AccessDenied, StoreError, StoreUnavailable
from storage.store import Store, StoreSession


def describe_store(url: str) -> tuple[str, str]:
    """A short name for the store at ``url`` and where it is, never showing a password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "?", url
    if parsed.get_backend_name() == "sqlite":
        return "embedded", parsed.database or ""
    host = parsed.host or "localhost"
    where = f"{host}:{parsed.port}" if parsed.port else host
    return "postgresql", f"{parsed.database or ''} @ {where}"


class LoginDialog(QDialog):
    """Asks a user name and password and signs in; refusals and lost connections are shown in
    the dialog, which stays open with what was typed."""

    def __init__(self, store: Store, user_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.session: StoreSession | None = None
        self.setWindowTitle(self.tr("Sign in — Dossier Desk"))
        self.setMinimumWidth(420)

        kind, where = describe_store(store.url)
        if kind == "embedded":
            text = self.tr("Embedded store on this computer")
        elif kind == "postgresql":
            text = self.tr("Court archive (PostgreSQL)")
        else:
            text = self.tr("Archive store")
        self.store_label = QLabel(text, self)
        self.store_label.setObjectName("loginStore")
        self.store_where = QLabel(where, self)
        self.store_where.setObjectName("loginStoreWhere")
        self.store_where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.store_where.setWordWrap(True)
        muted = self.store_where.palette()
        muted.setColor(QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText))
        self.store_where.setPalette(muted)

        self.name_edit = QLineEdit(user_name, self)
        self.name_edit.setObjectName("loginName")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("Store:"), self.store_label)
        form.addRow("", self.store_where)
        form.addRow(self.tr("User name:"), self.name_edit)
        form.addRow(self.tr("Password:"), self.password_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        (self.password_edit if user_name else self.name_edit).setFocus()

    def error(self) -> str:
        """The message shown for the last refused attempt ('' if none)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def accept(self) -> None:
        """Try to sign in; the dialog closes only with a session."""
        name = self.name_edit.text().strip()
        if not name:
            self._show_error(self.tr("Enter your user name."))
            self.name_edit.setFocus()
            return
        try:
            self.session = self.store.login(name, self.password_edit.text())
        except AccessDenied:
            self._show_error(self.tr("The user name or password is wrong. Check them and try again; "
                                     "an administrator can reset a forgotten password."))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        except StoreUnavailable:
            self._show_error(self.tr("The archive store cannot be reached. Check the network "
                                     "connection and try again; what you typed is kept."))
            return
        except StoreError as exc:
            self._show_error(str(exc))
            return
        self.error_label.clear()
        self.error_label.hide()
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def sign_in(store: Store, user_name: str = "", parent: QWidget | None = None) -> StoreSession | None:
    """Show the sign-in dialog; the session, or None when the user cancels."""
    dialog = LoginDialog(store, user_name, parent)
    try:
        return dialog.session if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
