"""The import preview: the key groups an import will create, what it could not read and why,
and whether to replace the inventory or add to it. Numbers and words come from core."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QDialog, QDialogButtonBox, QGroupBox, QHeaderView,
                               QLabel, QListWidget, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from core.importers.inventory import ImportResult

COLUMNS = ("Name", "Creator", "Protection", "Key spec", "Keys", "Versions", "Rotation", "State")


def _cells(group) -> tuple[str, ...]:
    return (group.name, group.creator, "HSM" if group.protection == "HSM" else "Software", group.spec,
            f"{group.count:,}", f"{group.versions:,}",
            f"{group.rotation_days} days" if group.rotation_days else "none", group.state)


class ImportPreview(QDialog):
    """Shows an ImportResult; accepted() means apply it (`replace` says how)."""

    def __init__(self, result: ImportResult, inventory_size: int, parent=None):
        super().__init__(parent)
        self.result = result
        self.setWindowTitle("Import preview")
        self.setObjectName("importPreview")
        layout = QVBoxLayout(self)
        n, k = len(result.groups), result.keys
        head = (f"{n:,} key group{'s' * (n != 1)} ({k:,} key{'s' * (k != 1)}) and "
                f"{result.secrets:,} secret{'s' * (result.secrets != 1)} from {len(result.recognised):,} "
                f"response{'s' * (len(result.recognised) != 1)}.")
        self.headline = QLabel(head)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)

        self.table = QTableWidget(len(result.groups), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setAccessibleName("Key groups to import")
        for row, group in enumerate(result.groups):
            for col, text in enumerate(_cells(group)):
                item = QTableWidgetItem(text)
                if col in (4, 5):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        for col in range(1, len(COLUMNS)):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeToContents)
        layout.addWidget(self.table, 3)

        facts = [i.sentence() for i in result.instances] + list(result.notes)
        if result.api_region:
            where = "mainland China" if result.api_region == "mainland" else "outside mainland China"
            facts.insert(0, f"API region: {where} (from the keys' ARNs); replacing the inventory sets the "
                            f"plan's region to it, adding keeps the plan's.")
        self.notes = QLabel("\n".join(f"• {line}" for line in facts))
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.notes)

        self.skipped_box = QGroupBox(f"Could not read ({len(result.skipped):,})")
        skipped_layout = QVBoxLayout(self.skipped_box)
        self.skipped = QListWidget()
        self.skipped.setAccessibleName("What could not be read, and why")
        self.skipped.setWordWrap(True)
        self.skipped.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        for source, why in result.skipped:
            self.skipped.addItem(f"{source}: {why}")
        skipped_layout.addWidget(self.skipped)
        self.skipped_box.setVisible(bool(result.skipped))
        layout.addWidget(self.skipped_box, 1)

        how = QGroupBox("Inventory")
        how_layout = QVBoxLayout(how)
        self.replace_button = QRadioButton(f"&Replace the inventory ({inventory_size:,} group"
                                           f"{'s' * (inventory_size != 1)} now)")
        self.add_button = QRadioButton("&Add to the inventory")
        group = QButtonGroup(self)
        group.addButton(self.replace_button)
        group.addButton(self.add_button)
        (self.add_button if inventory_size else self.replace_button).setChecked(True)
        how_layout.addWidget(self.replace_button)
        how_layout.addWidget(self.add_button)
        layout.addWidget(how)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.Ok)
        self.import_button.setText("&Import")
        self.import_button.setEnabled(bool(result.groups) or result.secrets > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(900, 700)

    @property
    def replace(self) -> bool:
        return self.replace_button.isChecked()
