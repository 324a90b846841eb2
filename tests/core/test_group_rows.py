"""core.group_rows: spreadsheet and CSV rows become key groups, refused cells are named by row and column."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core.group_rows import COLUMNS, parse_group_rows
from core.plan import KeyGroup

COPIED = ("web\tUser\tSoftware\tAliyun_AES_256\t1,200\t1\t90 days\tEnabled\t3,000,000\t2 %/mo\tsoftware, basic\n"
          "vault\tUser\tHSM\tRSA_2048\t5\t2\tnone\tDisabled\t60M\t0 %/mo\thardware, advanced\n"
          "old\tService\tSoftware\tAliyun_AES_256\t1e3\t1\tnone\tPending deletion\t1.5k\t-2.5%\tnot billed\n")


def test_rows_copied_from_the_inventory_read_back_as_the_groups_shown():
    rows = parse_group_rows(COPIED)
    assert rows.refusals == ()
    assert not rows.header
    assert rows.groups == (
        KeyGroup("web", "user", "SOFTWARE", "Aliyun_AES_256", 1200, 1, 90, "Enabled", Decimal(3_000_000), Decimal(2)),
        KeyGroup("vault", "user", "HSM", "RSA_2048", 5, 2, None, "Disabled", Decimal(60_000_000), Decimal(0)),
        KeyGroup("old", "service", "SOFTWARE", "Aliyun_AES_256", 1000, 1, None, "PendingDeletion",
                 Decimal(1500), Decimal("-2.5")),
    )


def test_a_header_row_maps_columns_in_any_order_and_missing_ones_take_defaults():
    text = "Calls / month\tKeys\tName\n6e7\t3 000\tapi\n"
    rows = parse_group_rows(text)
    assert rows.header
    assert rows.groups == (KeyGroup(name="api", count=3000, calls_per_month=Decimal(60_000_000)),)


def test_plan_file_field_names_work_as_headers_and_csv_quotes_keep_grouped_numbers():
    text = 'name,count,calls_per_month,calls_growth_pct,rotation_days\nweb,10,"3,000,000",7.5%,365\n'
    rows = parse_group_rows(text)
    assert rows.groups == (KeyGroup(name="web", count=10, calls_per_month=Decimal(3_000_000),
                                    calls_growth_pct=Decimal("7.5"), rotation_days=365),)


def test_semicolon_separated_rows_are_read():
    rows = parse_group_rows("Name;Keys;Protection\na;2;HSM\n")
    assert rows.groups == (KeyGroup(name="a", count=2, protection="HSM"),)


def test_refused_cells_are_named_by_row_and_column_and_their_rows_left_out():
    text = ("Name\tKeys\tRotation\tCalls / month\tProtection\n"
            "good\t1\t\t5\tSoftware\n"
            "bad\t-5\t1000\t6e7x\tPaper\n"
            "empty\t\t\t\t\n")
    rows = parse_group_rows(text)
    assert [g.name for g in rows.groups] == ["good"]
    assert rows.refusals == (  # in the inventory's column order
        'Row 3, Protection: "Paper" is not a protection: use one of HSM, Software',
        "Row 3, Keys: The key count must be a whole number of 0 or more, not -5",
        "Row 3, Rotation: The rotation period must be a whole number of days from 7 to 730, not 1000",
        'Row 3, Calls / month: "6e7x" ends in "x", which is not a unit I know: '
        "use k (thousand), M (million), B (billion) or T (trillion).",
        "Row 4, Keys: The key count is empty: enter a whole number of keys",
    )


def test_unknown_header_columns_are_ignored_and_said():
    rows = parse_group_rows("Name\tKeys\tOwner\nweb\t3\tteam-a\n")
    assert rows.groups == (KeyGroup(name="web", count=3),)
    assert rows.refusals == ('Column "Owner" is not an inventory column: ignored.',)


def test_key_specs_are_read_against_the_sites_catalog():
    rows = parse_group_rows("Name\tKey spec\nx\tNOT_A_SPEC\ny\taliyun_aes_256 (symmetric)\n")
    assert [g.spec for g in rows.groups] == ["Aliyun_AES_256"]
    assert rows.refusals == ('Row 2, Key spec: "NOT_A_SPEC" is not a key spec of this price list',)


def test_empty_text_reads_nothing():
    assert parse_group_rows("").groups == ()
    assert parse_group_rows("\n\n  \n").refusals == ()


def test_the_column_order_is_the_inventorys():
    assert [title for _key, title in COLUMNS] == ["Name", "Creator", "Protection", "Key spec", "Keys", "Versions",
                                                  "Rotation", "State", "Calls / month", "Growth", "Billed as"]


def test_any_line_ends_and_stray_quotes_are_read_without_a_traceback():
    assert [g.count for g in parse_group_rows("Name,Keys\r\na,1\rb,2\n").groups] == [1, 2]
    rows = parse_group_rows("0\r0")
    assert isinstance(rows.refusals, tuple)
    rows = parse_group_rows('Name,Keys\n"a,1\n')
    assert isinstance(rows.groups, tuple)


@given(st.text(max_size=40))
def test_any_text_gives_groups_or_refusals_never_an_exception(text):
    rows = parse_group_rows(text)
    assert all(isinstance(r, str) and r for r in rows.refusals)
