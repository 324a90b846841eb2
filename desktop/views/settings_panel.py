"""The plan's settings: name, price list (site), API region, start month, horizon, peak factor, secrets.

Each field edits the document as one undoable step; repeated changes of one field merge.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox,
                               QWidget)

from core.catalog import SITES, load_catalog
from core.plan import API_REGIONS
from core.planfile import MAX_NAME, MAX_PEAK, MAX_SECRETS
from desktop.views.decimal_spin_box import DecimalSpinBox

REGION_LABELS = {"mainland": "Chinese mainland", "outside_mainland": "Outside the Chinese mainland"}
TIPS = {
    "name": "A name for this plan, shown in titles and exports",
    "site": "Which price list the subscriptions use: the international site or the China site",
    "api_region": "Where the KMS 1.0 API calls are made: pay-as-you-go call prices differ",
    "start_month": "The first month of the comparison",
    "months": "How many months to compare (1-120)",
    "peak_to_average": "Busiest second over the average second: sizes the instance QPS (1-1000)",
    "secrets": "Secrets kept in Secrets Manager",
}


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
        self.months_spin = QSpinBox(self)
        self.months_spin.setRange(1, 120)
        self.months_spin.setSuffix(" months")
        self.months_spin.valueChanged.connect(lambda v: self._edit("months", v, "Change horizon"))
        self.peak_spin = DecimalSpinBox(self, Decimal(1), MAX_PEAK, Decimal("0.5"), suffix=" ×")
        self.peak_spin.valueChanged.connect(lambda v: self._edit("peak_to_average", v, "Change peak factor"))
        self.secrets_spin = QSpinBox(self)
        self.secrets_spin.setRange(0, MAX_SECRETS)
        self.secrets_spin.setGroupSeparatorShown(True)
        self.secrets_spin.valueChanged.connect(lambda v: self._edit("secrets", v, "Change secrets"))

        for combo in (self.site_combo, self.region_combo):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
        fields = QWidget(self)
        fields.setMaximumWidth(560)  # in a wide bottom dock the fields stay readable, not stretched
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(fields, 1, Qt.AlignTop)
        outer.addStretch(0)
        form = QFormLayout(fields)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        rows = (("Plan name", "name", self.name_edit), ("Price list", "site", self.site_combo),
                ("API calls from", "api_region", self.region_combo), ("Start month", "start_month", self.start_edit),
                ("Horizon", "months", self.months_spin), ("Peak ÷ average QPS", "peak_to_average", self.peak_spin),
                ("Secrets", "secrets", self.secrets_spin))
        for label, key, widget in rows:
            widget.setToolTip(TIPS[key])
            caption = QLabel(label, fields)
            caption.setBuddy(widget)
            caption.setToolTip(TIPS[key])
            form.addRow(caption, widget)
        document.planChanged.connect(lambda new, _old: self.show_plan(new))
        self.show_plan(document.plan)

    def show_plan(self, plan) -> None:
        """Show the plan's values without echoing them back as edits."""
        self._updating = True
        try:
            if self.name_edit.text() != plan.name:
                self.name_edit.setText(plan.name)
                self.name_edit.setCursorPosition(0)
            self.site_combo.setCurrentIndex(self.site_combo.findData(plan.site))
            self.region_combo.setCurrentIndex(self.region_combo.findData(plan.api_region))
            year, month = (int(x) for x in plan.start_month.split("-"))
            self.start_edit.setDate(QDate(year, month, 1))
            self.months_spin.setValue(plan.months)
            self.peak_spin.setValue(plan.peak_to_average)
            self.secrets_spin.setValue(plan.secrets)
        finally:
            self._updating = False

    def _edit(self, field: str, value, label: str) -> None:
        if self._updating:
            return
        plan = self.document.plan
        if getattr(plan, field) == value:
            return
        self.document.edit(plan.with_(**{field: value}), label, merge_key=f"settings:{field}")
