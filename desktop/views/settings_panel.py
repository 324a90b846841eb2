"""The plan's settings: name, price list (site), API region, start month, horizon, peak factor, secrets,
and free notes (the plan file's optional "notes" field).

Each field edits the document as one undoable step; repeated changes of one field merge.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QBoxLayout, QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from core.catalog import SITES, load_catalog
from core.plan import API_REGIONS
from core.planfile import MAX_NAME, MAX_NOTES
from desktop.views.decimal_spin_box import DecimalSpinBox
from desktop.views.refusal_line import show_refusal

REGION_LABELS = {"mainland": "Chinese mainland", "outside_mainland": "Outside the Chinese mainland"}
TIPS = {
    "name": "A name for this plan, shown in titles and exports",
    "site": "Which price list the subscriptions use: the international site or the China site",
    "api_region": "Where the KMS 1.0 API calls are made from: pay-as-you-go call prices differ",
    "start_month": "The first month of the comparison (YYYY-MM)",
    "months": "How many months to compare (1-120)",
    "peak_to_average": "Peak ÷ average QPS: the busiest second over the average second; sizes the instance QPS (1-1000)",
    "secrets": "Secrets kept in Secrets Manager (type 2500, 2,500 or 2.5k)",
}


def _set_tip(widget: QWidget, tip: str) -> None:
    """Set a tooltip only when it differs: setToolTip always sends the widget a ToolTipChange event,
    and the panel shows the plan again after every edit."""
    if widget.toolTip() != tip:
        widget.setToolTip(tip)


class NotesEdit(QPlainTextEdit):
    """Free notes where Tab moves on (it never traps the keyboard); Ctrl+Tab types a tab character."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Tab and event.modifiers() & Qt.ControlModifier:
            self.insertPlainText("\t")
            return
        super().keyPressEvent(event)

    def event(self, event) -> bool:
        # Ctrl+Tab would otherwise be taken for moving between windows or dock tabs.
        if event.type() == event.Type.ShortcutOverride and event.key() == Qt.Key_Tab \
                and event.modifiers() & Qt.ControlModifier:
            event.accept()
            return True
        return super().event(event)


class SettingsPanel(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self._updating = False

        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.textEdited.connect(lambda text: self._edit("name", text, "Rename plan"))
        self.site_combo = QComboBox(self)
        for site in SITES:
            self.site_combo.addItem(load_catalog(site).title, site)
        self.site_combo.activated.connect(
            lambda _i: self._edit("site", self.site_combo.currentData(), "Change price list"))
        self.region_combo = QComboBox(self)
        for region in API_REGIONS:
            self.region_combo.addItem(REGION_LABELS[region], region)
        self.region_combo.activated.connect(
            lambda _i: self._edit("api_region", self.region_combo.currentData(), "Change API region"))
        self.start_edit = QDateEdit(self)
        self.start_edit.setDisplayFormat("yyyy-MM")
        self.start_edit.setDateRange(QDate(2000, 1, 1), QDate(2200, 12, 1))
        self.start_edit.setCalendarPopup(False)
        self.start_edit.dateChanged.connect(
            lambda date: self._edit("start_month", date.toString("yyyy-MM"), "Change start month"))
        # Numbers are read as typed (core.numbers) and checked by core.fields: a refused entry stays
        # red with the reason, and the plan keeps its value.
        self.months_spin = DecimalSpinBox(self, field="months", suffix=" months")
        self.months_spin.valueChanged.connect(lambda v: self._edit("months", v, "Change horizon"))
        self.peak_spin = DecimalSpinBox(self, step=Decimal("0.5"), suffix=" ×", field="peak_to_average")
        self.peak_spin.valueChanged.connect(lambda v: self._edit("peak_to_average", v, "Change peak factor"))
        self.secrets_spin = DecimalSpinBox(self, field="secrets")
        self.secrets_spin.valueChanged.connect(lambda v: self._edit("secrets", v, "Change secrets"))
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        for spin in (self.months_spin, self.peak_spin, self.secrets_spin):
            spin.refused.connect(self.say)
            spin.valueChanged.connect(lambda _v: self.say(""))

        for combo in (self.site_combo, self.region_combo):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.notes_edit = NotesEdit(self)
        self.notes_edit.setPlaceholderText("Notes about this plan: assumptions, sources, decisions…")
        self.notes_edit.setToolTip("Free notes, saved in the plan file (Tab moves on; Ctrl+Tab types a tab)")
        self.notes_edit.textChanged.connect(self._notes_changed)

        fields = QWidget(self)
        fields.setMaximumWidth(560)  # in a wide bottom dock the fields stay readable, not stretched
        notes = QWidget(self)
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(8, 4, 8, 8)
        notes_caption = QLabel("&Notes", notes)
        notes_caption.setBuddy(self.notes_edit)
        notes_layout.addWidget(notes_caption)
        notes_layout.addWidget(self.notes_edit, 1)
        # Side by side when wide (a bottom tab), stacked when narrow (the left dock): see resizeEvent.
        self._outer = QBoxLayout(QBoxLayout.TopToBottom, self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.addWidget(fields, 0)
        self._outer.addWidget(notes, 1)
        form = QFormLayout(fields)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setContentsMargins(6, 4, 6, 4)
        form.setVerticalSpacing(3)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        # Short captions (the tooltips say it in full): the fields get the width in a narrow dock.
        rows = (("Name", "name", self.name_edit), ("Price list", "site", self.site_combo),
                ("Calls from", "api_region", self.region_combo), ("Start month", "start_month", self.start_edit),
                ("Horizon", "months", self.months_spin), ("Peak factor", "peak_to_average", self.peak_spin),
                ("Secrets", "secrets", self.secrets_spin))
        for label, key, widget in rows:
            widget.setToolTip(TIPS[key])
            widget.setAccessibleName(label)
            widget.setAccessibleDescription(TIPS[key])
            caption = QLabel(label, fields)
            caption.setBuddy(widget)
            caption.setToolTip(TIPS[key])
            form.addRow(caption, widget)
        form.addRow(self.message)
        self.notes_edit.setAccessibleName("Notes")
        document.planChanged.connect(lambda new, _old: self.show_plan(new))
        self.show_plan(document.plan)

    def show_plan(self, plan) -> None:
        """Show the plan's values without echoing them back as edits."""
        self._updating = True
        try:
            if self.name_edit.text() != plan.name:
                self.name_edit.setText(plan.name)
                self.name_edit.setCursorPosition(0)
            _set_tip(self.name_edit, f"{TIPS['name']}:\n{plan.name}" if plan.name else TIPS["name"])
            for combo, key, value in ((self.site_combo, "site", plan.site),
                                      (self.region_combo, "api_region", plan.api_region)):
                if combo.currentData() != value:
                    combo.setCurrentIndex(combo.findData(value))
                _set_tip(combo, f"{combo.currentText()}\n{TIPS[key]}")  # the full text, when the field is narrow
            year, month = (int(x) for x in plan.start_month.split("-"))
            date = QDate(year, month, 1)
            if self.start_edit.date() != date:
                self.start_edit.setDate(date)
            self.months_spin.setValue(plan.months)
            self.peak_spin.setValue(plan.peak_to_average)
            self.secrets_spin.setValue(plan.secrets)
            notes = str(plan.extensions.get("notes", ""))
            if self.notes_edit.toPlainText() != notes:
                self.notes_edit.setPlainText(notes)
        finally:
            self._updating = False

    def say(self, text: str) -> None:
        """A refused entry in words, under the fields and in the window's status bar."""
        show_refusal(self.message, self, text)

    def resizeEvent(self, event) -> None:
        wide = event.size().width() >= 900
        self._outer.setDirection(QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom)
        super().resizeEvent(event)

    def _notes_changed(self) -> None:
        if self._updating:
            return
        text = self.notes_edit.toPlainText()[:MAX_NOTES]
        plan = self.document.plan
        if str(plan.extensions.get("notes", "")) == text:
            return
        extensions = {k: v for k, v in plan.extensions.items() if k != "notes"}
        if text:
            extensions["notes"] = text
        self.document.edit(plan.with_(extensions=MappingProxyType(extensions)), "Edit notes",
                           merge_key="settings:notes")

    def _edit(self, field: str, value, label: str) -> None:
        if self._updating:
            return
        plan = self.document.plan
        if getattr(plan, field) == value:
            return
        self.document.edit(plan.with_(**{field: value}), label, merge_key=f"settings:{field}")
