"""The "Generate document" form: choose a template, check the values the case and the dossier
already offer (each with its source), correct what is wrong, and make the document in one click.

The dossier is read off the GUI thread the first time a case's form opens (and again only
when its documents change); the form is usable meanwhile with the case record's values.
Clicking a value's source shows that page of that document in the other pane with the place
highlighted. "Generate" fills, converts, seals procedural documents, files the result into
the dossier and opens it; other documents wait in the judge's approvals list.
"""
from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from storage.errors import StoreError
from templates.convert import ConversionError, libreoffice_path
from templates.manifest import library_names
from templates.render import MissingFieldError, TemplateFillError
from templates.seal import SealError
from templates.sign import SigningError

from .generation import GenerationJob, GenerationResult, generate, manifest_of, seal_config
from .generation_context import (DOSSIER_CACHE, ITEM_SEPARATOR, RECIPIENT_FIELDS, CaseFacts, DossierText,
                                 Proposal, Source, field_error, propose, read_dossier, text_to_value,
                                 value_to_text)
from .messages import describe


class _Relay(QObject):
    """Carries the dossier text from the reading thread to the GUI thread (queued signal)."""
    done = Signal(object)


class FieldRow:
    """The widgets of one field: its editor, its source button and its inline error."""

    def __init__(self, proposal: Proposal, editor, source: QPushButton, error: QLabel):
        self.proposal = proposal
        self.editor = editor
        self.source_button = source
        self.error_label = error
        self.original = self.text()

    def text(self) -> str:
        return self.editor.toPlainText() if isinstance(self.editor, QPlainTextEdit) else self.editor.text()

    def set_text(self, text: str) -> None:
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)


class GenerateDialog(QDialog):
    """Generate a document of the open case from a library template."""

    sourceRequested = Signal(object)     # a Source: show that page in the other pane
    filed = Signal(object)               # a GenerationResult, after filing
    dossierRead = Signal()

    def __init__(self, session, case_no: str, parent: QWidget | None = None, *, engine: str = "auto",
                 read_in_thread: bool = True):
        super().__init__(parent)
        self.setObjectName("generateDialog")
        self.session = session
        self.case_no = case_no
        self.engine = engine
        self.rows: dict[str, FieldRow] = {}
        self.last_result: GenerationResult | None = None
        self._cancel = threading.Event()
        self._relay = _Relay()
        self._relay.done.connect(self._dossier_read)
        self.case = session.case(case_no)
        self.documents = session.documents(case_no)
        try:
            names = {u.name: u.display_name or u.name for u in session.users()}
        except StoreError:
            names = {}
        self.facts = CaseFacts(self.case, DossierText({d.id: d for d in self.documents}, [], []), names,
                               session.generation_settings(),
                               session.user.display_name or session.user.name)

        self.setWindowTitle(self.tr("Generate document — %1").replace("%1", case_no))
        self.resize(900, 760)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Template:"), self))
        self.template_box = QComboBox(self)
        for name in library_names():
            self.template_box.addItem(name, name)
        top.addWidget(self.template_box, 1)
        layout.addLayout(top)
        self.mode_label = QLabel(self)
        self.mode_label.setWordWrap(True)
        layout.addWidget(self.mode_label)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.engine_label = QLabel(self._engine_text(), self)
        layout.addWidget(self.engine_label)
        buttons = QDialogButtonBox(self)
        self.generate_button = buttons.addButton(self.tr("Generate"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.generate_button.clicked.connect(self.generate)
        layout.addWidget(buttons)
        self.template_box.currentIndexChanged.connect(lambda _i: self._build_form())
        self._start_reading(read_in_thread)
        self._build_form()

    # -- the dossier ---------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """True once the dossier's text has been read and the form offers its values."""
        return bool(self.facts.text.pages) or not self.documents

    def _start_reading(self, in_thread: bool) -> None:
        store_id = self.session.store.store_id
        cached = DOSSIER_CACHE.get(store_id, self.case_no, self.documents)
        if cached is not None:
            self.facts.text = cached
            return
        self.status_label.setText(self.tr("Reading the dossier to fill in the form…"))
        documents, path_of, relay, cancel = list(self.documents), self.session.document_path, self._relay, self._cancel
        case_no = self.case_no

        def work():
            try:
                text = read_dossier(documents, path_of, cancel.is_set)
            except StoreError:
                text = None
            if text is not None and not cancel.is_set():
                DOSSIER_CACHE.put(store_id, case_no, text)
            if not cancel.is_set():
                relay.done.emit(text)

        if in_thread:
            self._reader = threading.Thread(target=work, name="dossier-reader", daemon=True)
            self._reader.start()
        else:
            work()

    def _dossier_read(self, text) -> None:
        if text is None:
            self.status_label.setText(self.tr("The dossier could not be read; fill in the values by hand."))
            return
        self.facts.text = text
        self.status_label.clear()
        # Keep what the user typed already; offer the dossier's values everywhere else.
        typed = {name: row.text() for name, row in self.rows.items() if row.text() != row.original}
        self._build_form()
        for name, value in typed.items():
            if name in self.rows:
                self.rows[name].set_text(value)
        self.dossierRead.emit()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self._cancel.set()
        super().done(result)

    # -- the form ------------------------------------------------------------------------------
    @property
    def template(self) -> str:
        return self.template_box.currentData()

    def set_template(self, name: str) -> None:
        """Show the form of template ``name``."""
        self.template_box.setCurrentIndex(self.template_box.findData(name))

    def _engine_text(self) -> str:
        if self.engine == "mupdf" or (self.engine == "auto" and libreoffice_path() is None):
            return self.tr("PDF made by the built-in converter (MuPDF); install LibreOffice for exact Word layout.")
        return self.tr("PDF made by LibreOffice.")

    def _build_form(self) -> None:
        manifest = manifest_of(self.template)
        self.manifest = manifest
        if manifest.procedural:
            self.mode_label.setText(self.tr("Procedural document: it is sealed and filed at once."))
        else:
            self.mode_label.setText(self.tr("Needs approval (%1): it is filed unsealed and sealed when the "
                                            "judge approves it.").replace("%1", manifest.approver or "—"))
        proposals = propose(manifest, self.facts)
        form = QWidget()
        grid = QGridLayout(form)
        grid.setColumnStretch(1, 1)
        self.rows = {}
        for n, spec in enumerate(manifest.fields):
            proposal = proposals[spec.name]
            label = QLabel(spec.label + ("" if not spec.required else " *"), form)
            recipients = spec.name in RECIPIENT_FIELDS
            if spec.type == "list" or recipients:
                editor = QPlainTextEdit(form)
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(92)
                if spec.item_fields:
                    editor.setPlaceholderText(self.tr("One entry per line: %1").replace(
                        "%1", ITEM_SEPARATOR.join(f.label for f in spec.item_fields)))
                elif recipients:
                    editor.setPlaceholderText(self.tr("One recipient per line: one document each"))
                else:
                    editor.setPlaceholderText(self.tr("One entry per line"))
            else:
                editor = QLineEdit(form)
            editor.setObjectName(f"field_{spec.name}")
            source = QPushButton(self._source_text(proposal), form)
            source.setObjectName(f"source_{spec.name}")
            source.setFlat(True)
            source.setEnabled(proposal.source is not None)
            source.setToolTip(self.tr("Show where this value was found") if proposal.source else "")
            if proposal.source is not None:
                source.clicked.connect(lambda _c=False, s=proposal.source: self.sourceRequested.emit(s))
            error = QLabel(form)
            error.setObjectName(f"error_{spec.name}")
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            error.hide()
            grid.addWidget(label, 2 * n, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, 2 * n, 1)
            grid.addWidget(source, 2 * n, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(error, 2 * n + 1, 1, 1, 2)
            text = value_to_text(spec, proposal.value)
            if recipients and isinstance(proposal.value, str):
                text = proposal.value
            row = FieldRow(proposal, editor, source, error)
            row.set_text(text)
            row.original = text
            self.rows[spec.name] = row
            signal = editor.textChanged
            signal.connect(lambda *_a, name=spec.name: self._check(name))
        self.scroll.setWidget(form)

    def _source_text(self, proposal: Proposal) -> str:
        if proposal.source is not None:
            return proposal.source.label
        return {"case": self.tr("Case record"), "settings": self.tr("Court settings"),
                "default": self.tr("Suggested")}.get(proposal.origin, self.tr("To fill in"))

    def _check(self, name: str) -> str:
        row = self.rows[name]
        spec = row.proposal.spec
        values = self._recipients(name) if name in RECIPIENT_FIELDS else [text_to_value(spec, row.text())]
        problem = ""
        for value in values or [""]:
            problem = field_error(spec, value)
            if problem:
                break
        if problem == "required":
            problem = self.tr("%1 is required.").replace("%1", spec.label)
        row.error_label.setText(problem)
        row.error_label.setVisible(bool(problem))
        return problem

    def _recipients(self, name: str) -> list[str]:
        return [line.strip() for line in self.rows[name].text().splitlines() if line.strip()]

    def field_values(self) -> dict:
        """The form's values as the template takes them (recipient fields: the first recipient)."""
        values = {}
        for name, row in self.rows.items():
            if name in RECIPIENT_FIELDS:
                recipients = self._recipients(name)
                values[name] = recipients[0] if recipients else ""
            else:
                values[name] = text_to_value(row.proposal.spec, row.text())
        return values

    def corrections(self) -> dict:
        """Fields whose offered value the user changed: {field: {original, value, by, at}}."""
        out = {}
        at = dt.datetime.now().isoformat(timespec="seconds")
        for name, row in self.rows.items():
            if row.proposal.origin != "empty" and row.text() != row.original:
                out[name] = {"original": row.original, "value": row.text(), "by": self.session.user.name,
                             "at": at, "source": row.proposal.source.label if row.proposal.source else
                             row.proposal.origin}
        return out

    def jobs(self) -> list[GenerationJob]:
        """The documents one click makes: one per recipient where the template has a recipient list."""
        values, corrections = self.field_values(), self.corrections()
        batch_field = next((n for n in RECIPIENT_FIELDS if n in self.rows), None)
        recipients = self._recipients(batch_field) if batch_field else []
        if len(recipients) <= 1:
            return [GenerationJob(self.template, values, corrections)]
        title = self.manifest.title
        return [GenerationJob(self.template, {**values, batch_field: r}, corrections, f"{title}（{r}）")
                for r in recipients]

    # -- generating ----------------------------------------------------------------------------
    def generate(self) -> GenerationResult | None:
        """Check the form, make the document(s), file them; returns what was filed (None if not)."""
        problems = [name for name in self.rows if self._check(name)]
        if problems:
            self.status_label.setText(self.tr("Correct the fields marked in red, then generate again."))
            self.rows[problems[0]].editor.setFocus()
            return None
        self.status_label.setText(self.tr("Generating…"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            seal = seal_config(self.session, self.case.court)
            result = generate(self.session, self.case_no, self.jobs(), seal, engine=self.engine)
        except MissingFieldError as exc:
            for name, _label in exc.missing:
                if name in self.rows:
                    self._check(name)
            self.status_label.setText(self.tr("Fill in the required fields, then generate again."))
            return None
        except (TemplateFillError, ConversionError, SealError, SigningError) as exc:
            self.status_label.setText(self.tr("The document was not made: %1").replace("%1", str(exc)))
            return None
        except OSError as exc:
            self.status_label.setText(self.tr("The court seal or certificate file cannot be read (%1); ask the "
                                              "administrator to check the generation settings.")
                                      .replace("%1", exc.strerror or str(exc)))
            return None
        except StoreError as exc:
            self.status_label.setText(describe(exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.last_result = result
        count = len(result.filed)
        sealed = sum(1 for f in result.filed if f.sealed)
        if sealed == count:
            text = self.tr("%1 document(s) sealed and filed in the dossier (PDF by %2).")
        else:
            text = self.tr("%1 document(s) filed; they wait for the judge's approval (PDF by %2).")
        self.status_label.setText(text.replace("%1", str(count)).replace("%2", result.engine))
        self.filed.emit(result)
        return result


def show_source(window, source: Source, pane_name: str) -> None:
    """Open the source document in pane ``pane_name`` at the source's page, with the value's
    place highlighted."""
    from viewer.qt.page_view import SearchHit

    window.open_document(source.document_id, pane_name)
    view = window.panes[pane_name].view
    if not view.page_count:
        return
    rect = source.rect
    if rect is None and source.text:
        doc, page = view.document_at(source.page)
        hit = next(iter(doc.search(source.text, pages=[page])), None)
        quads = tuple(tuple(q) for q in hit.quads) if hit is not None else ()
    elif rect is not None:
        x0, y0, x1, y1 = rect
        quads = ((x0, y0, x1, y0, x0, y1, x1, y1),)
    else:
        quads = ()
    if quads:
        view.set_search_hits([SearchHit(source.page, quads)])
        view.set_current_search_hit(0)
    else:
        view.go_to_page(source.page)
