"""What one server process holds: settings, database, blob store, keys, caches."""

from __future__ import annotations

import json
from collections import OrderedDict
from threading import Lock

from ecabinet.core.packet import Packet, Recipient, visible_documents
from ecabinet.server.ballots import BallotWriter
from ecabinet.server.blobstore import BlobStore
from ecabinet.server.broadcast import LiveHub
from ecabinet.server.clearance import ClearanceCache
from ecabinet.server.db import Database, upgrade_schema
from ecabinet.server.orgkey import load_or_create_org_key
from ecabinet.server.passwords import Passwords
from ecabinet.server.settings import ServerSettings


class PacketCache:
    """Parsed packets by row id.  Packets are immutable once published, so never stale.

    Also remembers which documents each recipient sees in a packet, the answer every blob
    download asks for.
    """

    def __init__(self, capacity: int = 256, visible_capacity: int = 8192) -> None:
        self._items: OrderedDict[int, Packet] = OrderedDict()
        self._visible: OrderedDict[tuple[int, str, bool], frozenset[str]] = OrderedDict()
        self._capacity = capacity
        self._visible_capacity = visible_capacity
        self._lock = Lock()

    def visible(self, packet_id: int, snapshot: str, who: Recipient) -> frozenset[str]:
        key = (packet_id, who.user_id, who.sees_all)
        with self._lock:
            hit = self._visible.get(key)
        if hit is not None:
            return hit
        seen = frozenset(visible_documents(self.get(packet_id, snapshot), who))
        with self._lock:
            self._visible[key] = seen
            while len(self._visible) > self._visible_capacity:
                self._visible.popitem(last=False)
        return seen

    def get(self, packet_id: int, snapshot: str) -> Packet:
        with self._lock:
            packet = self._items.get(packet_id)
            if packet is not None:
                self._items.move_to_end(packet_id)
                return packet
        packet = Packet.from_snapshot(json.loads(snapshot))
        with self._lock:
            self._items[packet_id] = packet
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)
        return packet


class ServerState:
    """Everything the request handlers share; built once by :func:`open_state`."""

    def __init__(self, settings: ServerSettings, *, migrate: bool = True) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.db = Database(settings.resolved_database_url())
        if migrate:
            upgrade_schema(self.db.engine)
        self.blobs = BlobStore(settings.blob_dir)
        self.blobs.clean_temporary()
        self.org_key = load_or_create_org_key(settings.key_path)
        self.passwords = Passwords(settings.argon2_memory_kib, settings.argon2_time_cost)
        self.packets = PacketCache()
        self.clearances = ClearanceCache()
        self.live = LiveHub(self.db)
        self.ballots = BallotWriter(self.db, self.org_key, self.live, self.clearances)

    def close(self) -> None:
        self.ballots.close()
        self.db.dispose()
