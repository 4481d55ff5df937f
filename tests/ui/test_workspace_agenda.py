"""The workspace's agenda model: numbering, moves by drag and drop and by buttons, totals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ecabinet.ui.workspace.agendaedit import ITEM_MIME, AgendaEditModel, Node
from ecabinet.ui.workspace.agendapane import AgendaPane

SHA_A = "a" * 64
SHA_B = "b" * 64


def sample() -> AgendaEditModel:
    model = AgendaEditModel()
    model.load(
        [
            {"id": "1" * 32, "title": "Khai mạc", "duration_min": 10, "documents": [SHA_A]},
            {
                "id": "2" * 32,
                "title": "Ngân sách",
                "presenter": "Bộ Tài chính",
                "duration_min": 30,
                "children": [{"id": "3" * 32, "title": "Dự toán", "duration_min": 15}],
            },
            {"id": "4" * 32, "title": "Bế mạc", "duration_min": 5},
        ],
        [{"sha256": SHA_A, "title": "Chương trình", "pages": 3}],
    )
    return model


def outline(model: AgendaEditModel) -> list[str]:
    """Every row as "number title" (documents as "- title"), depth-first."""
    rows: list[str] = []

    def walk(node: Node) -> None:
        for child in node.children:
            rows.append(
                f"- {child.title}" if child.is_document else f"{model.number(child)} {child.title}"
            )
            walk(child)

    walk(model.root)
    return rows


def index_of(model: AgendaEditModel, title: str) -> QModelIndex:
    node = next(n for n in model.all_items() if n.title == title)
    return model.index_of(node)


def test_numbers_follow_places_and_total_counts_sub_items_within_their_parent() -> None:
    model = sample()
    assert outline(model) == [
        "1 Khai mạc",
        "- Chương trình",
        "2 Ngân sách",
        "2.1 Dự toán",
        "3 Bế mạc",
    ]
    assert model.total_minutes() == 10 + 30 + 5  # "Dự toán" (15) is within its parent's 30
    budget = model.find_item("2" * 32)
    assert budget is not None
    model.update_item(budget, duration_min=0)  # no time of its own: its sub-items' time
    assert model.total_minutes() == 10 + 15 + 5
    model.update_item(budget, duration_min=30)
    assert index_of(model, "Dự toán").data() == "2.1. Dự toán"
    first_doc = model.index(0, 0, model.index(0, 0))
    assert first_doc.data() == "Chương trình (3 page(s))"


def test_payload_round_trips_through_load() -> None:
    model = sample()
    payload = model.to_payload()
    assert payload[0]["documents"] == [SHA_A]
    assert payload[1]["children"][0]["id"] == "3" * 32
    again = AgendaEditModel()
    again.load(payload, [{"sha256": SHA_A, "title": "Chương trình", "pages": 3}])
    assert again.to_payload() == payload


def test_drag_and_drop_mime_round_trip_reorders_and_indents(qtbot: QtBot) -> None:
    model = sample()
    edits: list[int] = []
    model.edited.connect(lambda: edits.append(1))
    # Drag "Bế mạc" between "Khai mạc" and "Ngân sách" (row 1 of the root).
    mime = model.mimeData([index_of(model, "Bế mạc")])
    assert mime.hasFormat(ITEM_MIME)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert outline(model)[2:4] == ["2 Bế mạc", "3 Ngân sách"]
    # Drop "Khai mạc" onto "Ngân sách" (row -1): it becomes its last sub-item.
    mime = model.mimeData([index_of(model, "Khai mạc")])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, index_of(model, "Ngân sách"))
    assert outline(model) == [
        "1 Bế mạc",
        "2 Ngân sách",
        "2.1 Dự toán",
        "2.2 Khai mạc",
        "- Chương trình",
    ]
    assert len(edits) == 2
    # An item cannot be dropped into itself, nor onto a document.
    mime = model.mimeData([index_of(model, "Ngân sách")])
    assert not model.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, -1, index_of(model, "Dự toán")
    )
    document = model.index(0, 0, index_of(model, "Khai mạc"))
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, document)
    assert len(edits) == 2
    # After a move the view asks to remove the dragged rows: the move already happened.
    assert not model.removeRows(0, 1, QModelIndex())
    assert len(model.all_items()) == 4


def test_buttons_move_indent_and_outdent() -> None:
    model = sample()
    closing = model.find_item("4" * 32)
    assert closing is not None
    assert model.indent(closing)
    assert outline(model)[3:] == ["2.1 Dự toán", "2.2 Bế mạc"]
    assert model.move_up(closing)
    assert outline(model)[3:] == ["2.1 Bế mạc", "2.2 Dự toán"]
    assert not model.move_up(closing)  # first among its siblings
    assert model.outdent(closing)
    assert outline(model)[2:] == ["2 Ngân sách", "2.1 Dự toán", "3 Bế mạc"]
    assert not model.outdent(closing)  # already at the top level
    first = model.find_item("1" * 32)
    assert first is not None and not model.indent(first)  # nothing above it
    assert model.move_down(first)
    assert outline(model)[0] == "1 Ngân sách"
    added = model.add_item("Thảo luận", after=first)
    assert model.number(added) == "3"
    model.remove(first)
    assert [model.number(n) + " " + n.title for n in model.all_items()] == [
        "1 Ngân sách",
        "1.1 Dự toán",
        "2 Thảo luận",
        "3 Bế mạc",
    ]
    assert model.total_minutes() == 30 + 0 + 5


def test_nesting_deeper_than_the_server_allows_is_refused() -> None:
    model = AgendaEditModel()
    chain = [model.add_item(f"Mục {i}") for i in range(5)]
    # Each item goes under the one before it: Mục 3 ends four levels deep.
    for level, node in enumerate(chain[1:4], start=1):
        for _ in range(level):
            assert model.indent(node)
    assert model.number(chain[3]) == "1.1.1.1"
    for _ in range(3):
        assert model.indent(chain[4])
    assert model.number(chain[4]) == "1.1.1.2"
    assert not model.indent(chain[4])  # a fifth level is refused
    assert model.number(chain[4]) == "1.1.1.2"
    # Nor may a two-level branch be dropped three levels down.
    branch = model.add_item("Nhánh")
    model.indent(model.add_item("Lá", after=branch))
    assert model.number(branch) == "2"
    assert not model.move(branch, chain[2], len(chain[2].children))
    assert all(item.depth() <= 4 for item in model.all_items())


def test_inline_edits_and_detail_updates_emit_edited() -> None:
    model = sample()
    edits: list[int] = []
    model.edited.connect(lambda: edits.append(1))
    index = index_of(model, "Bế mạc")
    assert model.setData(index.siblingAtColumn(2), "20")
    assert model.setData(index.siblingAtColumn(1), "Chủ tọa")
    assert not model.setData(index, "   ")  # an empty title is not taken
    assert model.total_minutes() == 10 + 30 + 20
    node = model.find_item("4" * 32)
    assert node is not None
    model.update_item(node, confidential=True, cleared=["9" * 32])
    payload: dict[str, Any] = model.to_payload()[2]
    assert payload["presenter"] == "Chủ tọa" and payload["cleared"] == ["9" * 32]
    assert len(edits) == 3


def test_dropped_files_are_reported_not_attached(tmp_path: Path) -> None:
    model = sample()
    attached: list[tuple[object, list[Path]]] = []
    replaced: list[tuple[object, object]] = []
    model.files_dropped.connect(lambda node, paths: attached.append((node, paths)))
    model.replacement_dropped.connect(lambda node, path: replaced.append((node, path)))
    pdf = tmp_path / "phu-luc.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    item = index_of(model, "Bế mạc")
    assert model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, item)
    assert not model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, item)
    assert attached == [(model.node(item), [pdf])]
    document = model.index(0, 0, index_of(model, "Khai mạc"))
    model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, document)
    assert replaced == [(model.node(document), pdf)]
    assert model.to_payload()[2]["documents"] == []
    model.attach(model.node(item), SHA_B, "Phụ lục", 2)
    model.replace(model.node(document), SHA_B, "Chương trình (sửa)", 4)
    payload = model.to_payload()
    assert payload[0]["documents"] == [SHA_B] and payload[2]["documents"] == [SHA_B]


def test_pane_shortcuts_edit_the_current_item_and_keep_it_selected(qtbot: QtBot) -> None:
    model = sample()
    pane = AgendaPane(model)
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    with qtbot.waitActive(pane):  # shortcuts reach only the active window
        pane.show()
        pane.activateWindow()
    closing = model.find_item("4" * 32)
    assert closing is not None
    pane.select(closing)
    assert pane.details.title.text() == "Bế mạc"
    pane.tree.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(pane.tree, Qt.Key.Key_Right, ctrl)  # indent under "Ngân sách"
    assert model.number(closing) == "2.2"
    qtbot.keyClick(pane.tree, Qt.Key.Key_Up, ctrl)
    assert model.number(closing) == "2.1"
    assert pane.current_node() is closing  # the selection follows the moved item
    qtbot.keyClick(pane.tree, Qt.Key.Key_Left, ctrl)
    assert model.number(closing) == "3"
    assert pane.total.text() == "Total duration: 45 min"
    pane.details.minutes.setValue(75)
    pane.details.minutes.editingFinished.emit()
    assert closing.duration_min == 75 and pane.total.text() == "Total duration: 1 h 55 min"
    added = pane.add_item()
    assert model.number(added) == "4" and pane.current_node() is added
    pane.commands["remove"].trigger()
    assert model.find_item(added.id) is None


def _drop_on_view(
    pane: AgendaPane, mime: QMimeData, index: QModelIndex, action: Qt.DropAction
) -> None:
    """Send the drag-enter, drag-move and drop events a real drag ends with, at the centre of
    the row of ``index`` (QDrag.exec itself cannot run in a test: it blocks in its own loop)."""
    viewport = pane.tree.viewport()
    centre = pane.tree.visualRect(index).center()
    buttons = Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    enter = QDragEnterEvent(centre, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(centre, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(centre), actions, mime, buttons, mods)
    drop.setDropAction(action)
    QApplication.sendEvent(viewport, drop)


def test_the_tree_view_takes_item_drags_and_file_drops(qtbot: QtBot, tmp_path: Path) -> None:
    model = sample()
    pane = AgendaPane(model)
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    pane.show()
    pane.tree.expandAll()
    closing = model.find_item("4" * 32)
    opening = model.find_item("1" * 32)
    assert closing is not None and opening is not None
    mime = model.mimeData([model.index_of(closing)])
    _drop_on_view(pane, mime, model.index_of(opening), Qt.DropAction.MoveAction)
    assert model.number(closing) == "1.1"  # dropped onto an item: its sub-item
    files: list[list[Path]] = []
    model.files_dropped.connect(lambda _node, paths: files.append(paths))
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    outside = QMimeData()
    outside.setUrls([QUrl.fromLocalFile(str(pdf))])
    _drop_on_view(pane, outside, model.index_of(closing), Qt.DropAction.CopyAction)
    assert files == [[pdf]]
